//! The SMTP side of mail, with lettre.

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
    transport::smtp::authentication::Credentials,
};

use crate::config::{Config, SmtpSecurity};

use super::OutboxMail;

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
        .port(config.smtp_port);
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
        let message = Message::builder()
            .from(self.from.clone())
            .to(mail.to_email.parse()?)
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())?;
        self.transport.send(message).await?;
        Ok(())
    }
}
