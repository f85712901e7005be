use crate::i18n::Msg;

/// An email address as Tandem stores it: trimmed, lower-cased, plausibly shaped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, Msg> {
        let email = raw.trim().to_lowercase();
        const MESSAGE: &str = "auth-email-like-example";
        if email.is_empty() {
            return Err(Msg::new("auth-email-needed"));
        }
        if email.chars().count() > 254 {
            return Err(Msg::new("auth-email-too-long"));
        }
        let Some((local, domain)) = email.rsplit_once('@') else {
            return Err(Msg::new(MESSAGE));
        };
        let bad = |part: &str| {
            part.is_empty()
                || part.chars().any(|c| {
                    c.is_whitespace() || c.is_control() || c == '<' || c == '>' || c == ','
                })
        };
        if bad(local)
            || bad(domain)
            || local.contains('@')
            || domain.starts_with('.')
            || domain.ends_with('.')
        {
            return Err(Msg::new(MESSAGE));
        }
        Ok(Email(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before `@`, which a password should not be built from.
    pub fn local_part(&self) -> &str {
        self.0.split('@').next().unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Ana@Example.ORG ").unwrap().as_str(),
            "ana@example.org"
        );
        assert!(Email::parse("no-at-sign").is_err());
        assert!(Email::parse("a b@example.org").is_err());
        assert!(Email::parse("a@").is_err());
        assert!(Email::parse("").is_err());
    }
}
