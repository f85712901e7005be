//! The SMTP side of mail, with lettre.

use std::time::Duration;

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
    transport::smtp::authentication::Credentials,
};

use crate::config::{Config, SmtpSecurity};

use super::OutboxMail;

/// How long Tandem waits for the SMTP server to connect and to answer each command. lettre's
/// own default is a minute, which would hold the job worker (and a stopping process) that long
/// on a server that never answers. Ten seconds leave room for a relay that scans a message
/// before its final `250`; a reply cut short is an unconfirmed acceptance, which the retry
/// resends under the same `Message-ID` (docs/adr/0026-jobs-past-their-lease.md).
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

/// How mail leaves Tandem: over SMTP, or not at all (it stays in the outbox).
#[derive(Clone)]
pub enum Mailer {
    Outbox,
    Smtp(Smtp),
}

#[derive(Clone)]
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn from_config(config: &Config) -> anyhow::Result<Mailer> {
        let Some(host) = &config.smtp_host else {
            return Ok(Mailer::Outbox);
        };
        let mut builder = match config.smtp_security {
            SmtpSecurity::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)?,
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)?,
            SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
        }
        .port(config.smtp_port)
        .timeout(Some(SMTP_TIMEOUT));
        if let (Some(user), Some(password)) = (&config.smtp_username, &config.smtp_password) {
            builder =
                builder.credentials(Credentials::new(user.clone(), password.expose().to_owned()));
        }
        let from: Mailbox = config
            .smtp_from
            .parse()
            .map_err(|e| anyhow::anyhow!("TANDEM_SMTP_FROM is not a valid address: {e}"))?;
        Ok(Mailer::Smtp(Smtp {
            transport: builder.build(),
            from,
        }))
    }

    pub fn is_smtp(&self) -> bool {
        matches!(self, Mailer::Smtp(_))
    }

    pub fn smtp(&self) -> Option<&Smtp> {
        match self {
            Mailer::Smtp(s) => Some(s),
            Mailer::Outbox => None,
        }
    }
}

impl Smtp {
    pub async fn send(&self, mail: &OutboxMail) -> anyhow::Result<()> {
        self.transport.send(self.message(mail)?).await?;
        Ok(())
    }

    /// The message as it goes out. Its `Message-ID` and `Date` come from the outbox row, so
    /// every attempt at one row sends the same message: when a server took a message but its
    /// `250` never arrived, the retry's copy carries the same id, and mail clients show one.
    fn message(&self, mail: &OutboxMail) -> anyhow::Result<Message> {
        Ok(Message::builder()
            .message_id(Some(message_id(&mail.id, self.from.email.domain())))
            .date(mail.created_at.into())
            .from(self.from.clone())
            .to(mail.to_email.parse()?)
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())?)
    }
}

/// `<outbox-id@domain>`: unique per message, since outbox ids are, and the sender's domain
/// names who made it (RFC 5322, 3.6.4). Outbox ids are lowercase letters and digits only.
fn message_id(outbox_id: &str, domain: &str) -> String {
    format!("<{outbox_id}@{domain}>")
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::mail::MailKind;

    // A runtime, because building the transport starts its connection pool.
    #[tokio::test]
    async fn every_attempt_at_a_row_sends_the_same_message_id_and_date() {
        let mut config = Config::for_database("data".into(), "sqlite:data/tandem.db");
        config.smtp_host = Some("127.0.0.1".into());
        config.smtp_security = SmtpSecurity::None;
        config.smtp_from = "Tandem <tandem@family.example>".into();
        let Mailer::Smtp(smtp) = Mailer::from_config(&config).unwrap() else {
            unreachable!()
        };
        let mail = OutboxMail {
            id: "k3v9x0d2m8q4t7w1s5bz".into(),
            to_email: "rosa@example.org".into(),
            kind: MailKind::Account,
            subject: "Hello".into(),
            body: "Hi".into(),
            created_at: Utc.with_ymd_and_hms(2026, 11, 21, 18, 0, 0).unwrap(),
            sent_at: None,
        };
        let first = String::from_utf8(smtp.message(&mail).unwrap().formatted()).unwrap();
        let again = String::from_utf8(smtp.message(&mail).unwrap().formatted()).unwrap();
        assert_eq!(first, again, "a retry sends the very same message");
        assert!(
            first.contains("Message-ID: <k3v9x0d2m8q4t7w1s5bz@family.example>\r\n"),
            "{first}"
        );
        assert!(
            first.contains("Date: Sat, 21 Nov 2026 18:00:00 +0000\r\n"),
            "{first}"
        );
    }
}
