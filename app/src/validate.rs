//! Small text rules shared by several value types (slugs, names, lengths).
//!
//! The same functions run in the browser (to explain a mistake early) and on the
//! server (to refuse it), so a form and its server function never disagree.

use crate::error::{AppError, FieldError};

/// Collects field errors so a form reports every mistake at once.
#[derive(Default)]
pub struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    /// Records one field's rule; answers the value, or its default when the rule failed
    /// (the default is never used: [`Checker::finish`] fails then).
    pub fn field<T: Default>(&mut self, field: &str, result: Result<T, String>) -> T {
        self.maybe(field, result).unwrap_or_default()
    }

    /// Records one field's rule for a value without a meaningful default.
    pub fn maybe<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(message) => {
                self.errors.push(FieldError {
                    field: field.to_owned(),
                    message,
                });
                None
            }
        }
    }

    /// Fails with every recorded error, or succeeds when there were none.
    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation {
                errors: self.errors,
            })
        }
    }
}

/// Trims and checks that a free-text field is within `min..=max` characters and has no control characters.
pub fn bounded_text(value: &str, label: &str, min: usize, max: usize) -> Result<String, String> {
    let trimmed = value.trim();
    let len = trimmed.chars().count();
    if len < min {
        return Err(if min <= 1 {
            format!("{label} is required.")
        } else {
            format!("{label} must be at least {min} characters.")
        });
    }
    if len > max {
        return Err(format!("{label} must be at most {max} characters."));
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(format!("{label} contains characters that are not allowed."));
    }
    Ok(trimmed.to_owned())
}

/// Checks a URL slug: 3–40 characters of `a-z`, `0-9` and single hyphens, starting with a letter.
pub fn slug(value: &str, label: &str) -> Result<String, String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(format!("{label} is required."));
    }
    let len = v.chars().count();
    if !(3..=40).contains(&len) {
        return Err(format!("{label} must be 3 to 40 characters long."));
    }
    if !v
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(format!(
            "{label} may only contain lowercase letters, digits and hyphens."
        ));
    }
    if !v.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err(format!("{label} must start with a letter."));
    }
    if v.ends_with('-') || v.contains("--") {
        return Err(format!(
            "{label} cannot end with a hyphen or contain two hyphens in a row."
        ));
    }
    Ok(v.to_owned())
}

/// Suggests a slug for a display name ("Acme Corp." → "acme-corp").
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    let trimmed: String = out
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-')
        .chars()
        .take(40)
        .collect();
    trimmed.trim_end_matches('-').to_owned()
}

/// Checks an optional link to an image or page: empty, a site path (`/…`) or an `http(s)://` URL.
pub fn optional_url(value: &str, label: &str) -> Result<Option<String>, String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if v.len() > 500 {
        return Err(format!("{label} must be at most 500 characters."));
    }
    if v.chars()
        .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
    {
        return Err(format!("{label} must not contain spaces or quotes."));
    }
    let ok = (v.starts_with('/') && !v.starts_with("//"))
        || v.starts_with("https://")
        || v.starts_with("http://");
    if !ok {
        return Err(format!(
            "{label} must start with https://, http:// or / (a path on this site)."
        ));
    }
    Ok(Some(v.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_accept_the_documented_shape() {
        assert_eq!(slug("acme", "Slug").as_deref(), Ok("acme"));
        assert_eq!(slug(" my-app-2 ", "Slug").as_deref(), Ok("my-app-2"));
    }

    #[test]
    fn slugs_refuse_everything_else() {
        for bad in [
            "",
            "ab",
            "Acme",
            "2fast",
            "a_b",
            "ends-",
            "dou--ble",
            "with space",
            "ümlaut",
        ] {
            assert!(slug(bad, "Slug").is_err(), "{bad:?} should be refused");
        }
        assert!(slug(&"a".repeat(41), "Slug").is_err());
        assert!(slug(&"a".repeat(40), "Slug").is_ok());
    }

    #[test]
    fn slugify_makes_valid_slugs() {
        assert_eq!(slugify("Acme Corp."), "acme-corp");
        assert_eq!(slugify("  Hello,   World!! "), "hello-world");
        assert_eq!(slugify("123 Go"), "go");
        assert!(slug(&slugify("Grafana Dashboards Pro"), "s").is_ok());
    }

    #[test]
    fn bounded_text_trims_and_counts_characters() {
        assert_eq!(bounded_text("  hi  ", "Name", 1, 5).as_deref(), Ok("hi"));
        assert!(bounded_text("   ", "Name", 1, 5).is_err());
        assert!(bounded_text("ééééé", "Name", 1, 5).is_ok());
        assert!(bounded_text("éééééé", "Name", 1, 5).is_err());
        assert!(bounded_text("a\u{0}b", "Name", 1, 5).is_err());
    }

    #[test]
    fn urls_are_absolute_http_or_site_paths() {
        assert_eq!(optional_url("", "Icon"), Ok(None));
        assert!(optional_url("/icons/a.svg", "Icon").is_ok());
        assert!(optional_url("https://x.test/a.png", "Icon").is_ok());
        for bad in [
            "javascript:alert(1)",
            "//evil.test/x",
            "ftp://x",
            "/a b",
            "data:x",
        ] {
            assert!(optional_url(bad, "Icon").is_err(), "{bad}");
        }
    }
}
