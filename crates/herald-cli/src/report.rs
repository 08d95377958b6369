//! Warnings about what herald left out, and their counts for the closing
//! summary: dictionary lines, story dates, and sentences not coded.

use herald_core::{Diagnostic, DiagnosticKind};
use herald_input::{InputWarning, Story};
use indicatif::ProgressBar;

/// Dictionary lines warned about one by one; the rest are only counted.
const DICTIONARY_LINES_SHOWN: usize = 20;

/// Prints warnings (unless quiet) and counts them.
pub struct Report {
    quiet: bool,
    progress: ProgressBar,
    /// PETRARCH dictionary lines rejected and left out.
    pub dictionary_lines: usize,
    /// Stories coded undated because their date is invalid.
    pub invalid_dates: usize,
    /// Sentences too long to code.
    pub too_long: usize,
    /// Sentences or stories left uncoded by a discard phrase.
    pub discarded: usize,
}

impl Report {
    /// A report that prints per-item warnings unless `quiet`, above `progress`.
    pub fn new(quiet: bool, progress: ProgressBar) -> Report {
        Report { quiet, progress, dictionary_lines: 0, invalid_dates: 0, too_long: 0, discarded: 0 }
    }

    fn warn(&self, message: &str) {
        if !self.quiet {
            self.progress.suspend(|| eprintln!("herald: warning: {message}"));
        }
    }

    /// Lines of PETRARCH dictionaries that were left out.
    pub fn dictionary_lines(&mut self, lines: &[herald_petrarch::DictError]) {
        for line in lines.iter().take(DICTIONARY_LINES_SHOWN) {
            self.warn(&format!("{line} (line skipped)"));
        }
        if lines.len() > DICTIONARY_LINES_SHOWN {
            self.warn(&format!(
                "{} more dictionary lines skipped (`herald dict lint` lists them all)",
                lines.len() - DICTIONARY_LINES_SHOWN
            ));
        }
        self.dictionary_lines += lines.len();
    }

    /// A story's input warnings.
    pub fn story(&mut self, story: &Story) {
        for w in &story.warnings {
            match w {
                InputWarning::InvalidDate { .. } => self.invalid_dates += 1,
            }
            self.warn(&w.to_string());
        }
    }

    /// Sentences of `story` that the coder left out.
    pub fn skipped(&mut self, story: &Story, skipped: &[Diagnostic]) {
        for d in skipped {
            let what = match d.kind {
                DiagnosticKind::TooLong => {
                    self.too_long += 1;
                    "too long"
                }
                _ => {
                    self.discarded += 1;
                    "discarded"
                }
            };
            self.warn(&format!(
                "{}: story {:?} sentence {}: not coded, {what}: {}",
                story.origin, story.id, d.sentence_index, d.message
            ));
        }
    }

    /// Whether anything was rejected: a dictionary line, a date or a
    /// sentence. Discards are the dictionaries' choice, not a rejection.
    pub fn rejected(&self) -> bool {
        self.dictionary_lines + self.invalid_dates + self.too_long > 0
    }

    /// The counts for the summary line (empty when there is nothing to say).
    pub fn summary(&self) -> String {
        let counts = [
            (self.too_long, "sentence too long to code", "sentences too long to code"),
            (self.discarded, "discarded", "discarded"),
            (self.invalid_dates, "invalid date (coded undated)", "invalid dates (coded undated)"),
            (self.dictionary_lines, "dictionary line skipped", "dictionary lines skipped"),
        ];
        counts
            .iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|&(n, one, many)| format!(", {n} {}", if n == 1 { one } else { many }))
            .collect()
    }
}
