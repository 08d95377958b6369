//! Little-endian binary reading and writing for the model file. The reader
//! checks every length against the remaining bytes, so corrupt or truncated
//! input yields a [`ModelError`] rather than a panic or a huge allocation.

use crate::ModelError;

/// Cursor over model bytes.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Reader { buf }
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if n > self.buf.len() {
            return Err(ModelError::Truncated);
        }
        let (head, rest) = self.buf.split_at(n);
        self.buf = rest;
        Ok(head)
    }

    pub(crate) fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A length field; converted to usize for indexing.
    pub(crate) fn len(&mut self) -> Result<usize, ModelError> {
        Ok(self.u32()? as usize)
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Result<Vec<u8>, ModelError> {
        Ok(self.take(n)?.to_vec())
    }

    pub(crate) fn u32s(&mut self, n: usize) -> Result<Vec<u32>, ModelError> {
        let b = self.take(n.checked_mul(4).ok_or(ModelError::Truncated)?)?;
        Ok(b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }

    pub(crate) fn u64s(&mut self, n: usize) -> Result<Vec<u64>, ModelError> {
        let b = self.take(n.checked_mul(8).ok_or(ModelError::Truncated)?)?;
        Ok(b.chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect())
    }

    pub(crate) fn u16s(&mut self, n: usize) -> Result<Vec<u16>, ModelError> {
        let b = self.take(n.checked_mul(2).ok_or(ModelError::Truncated)?)?;
        Ok(b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect())
    }

    pub(crate) fn i16s(&mut self, n: usize) -> Result<Vec<i16>, ModelError> {
        let b = self.take(n.checked_mul(2).ok_or(ModelError::Truncated)?)?;
        Ok(b.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }
}

/// Appends little-endian values to a byte buffer.
#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// Writes a length; every table in the format is far below 4 G entries.
    pub(crate) fn len(&mut self, v: usize) {
        self.u32(u32::try_from(v).unwrap_or(u32::MAX));
    }

    pub(crate) fn bytes(&mut self, v: &[u8]) {
        self.buf.extend_from_slice(v);
    }

    pub(crate) fn u32s(&mut self, v: &[u32]) {
        v.iter().for_each(|x| self.u32(*x));
    }

    pub(crate) fn u64s(&mut self, v: &[u64]) {
        v.iter().for_each(|x| self.buf.extend_from_slice(&x.to_le_bytes()));
    }

    pub(crate) fn u16s(&mut self, v: &[u16]) {
        v.iter().for_each(|x| self.buf.extend_from_slice(&x.to_le_bytes()));
    }

    pub(crate) fn i16s(&mut self, v: &[i16]) {
        v.iter().for_each(|x| self.buf.extend_from_slice(&x.to_le_bytes()));
    }
}
