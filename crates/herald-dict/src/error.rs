use std::fmt;

/// A problem in a dictionary file, with its position.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct DictError {
    /// The file (or embedded dictionary name) the problem is in.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column (in characters) where the problem starts.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

/// Several dictionary problems, reported together so that a user can fix
/// them all in one pass.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct DictErrors(pub Vec<DictError>);

impl fmt::Display for DictErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}
