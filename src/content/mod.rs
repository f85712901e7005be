//! The content library: original writing stored as TOML under `content/`, embedded in the
//! binary and parsed once. What a file must satisfy (counts, closed vocabularies, lengths,
//! no near-duplicates) is checked by the unit tests of the feature that owns it, with the
//! helpers in [`check`].

pub mod check;
pub mod similar;

use serde::{Deserialize, Deserializer, de::DeserializeOwned};

use crate::family::AgeBand;

/// Parses an embedded content file. The files are part of the build and checked by tests, so
/// a file that does not parse is a defect of this build: it stops the program at first use
/// with the file's name and the parser's message.
pub fn parse<T: DeserializeOwned>(name: &str, text: &str) -> T {
    toml::from_str(text).unwrap_or_else(|e| panic!("content file {name} is invalid: {e}"))
}

/// Content files name tags by their text (`text_enum!` types); an unknown one fails the
/// library's tests with the file's name.
macro_rules! deserialize_as_text {
    ($($name:ident),+) => {$(
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(d)?;
                $name::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!("unknown {} {text:?}", stringify!($name)))
                })
            }
        }
    )+};
}
pub(crate) use deserialize_as_text;

impl<'de> Deserialize<'de> for AgeBand {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        AgeBand::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown age band {text:?}")))
    }
}

/// Text that may differ by the son's age band, e.g. a prompt worded for a 4-year-old and for
/// a 16-year-old.
#[derive(Debug, Clone, Deserialize)]
pub struct ByBand {
    pub little: String,
    pub child: String,
    pub tween: String,
    pub teen: String,
    pub young_adult: String,
    pub adult: String,
}

impl ByBand {
    pub fn get(&self, band: &AgeBand) -> &str {
        match band {
            AgeBand::Little => &self.little,
            AgeBand::Child => &self.child,
            AgeBand::Tween => &self.tween,
            AgeBand::Teen => &self.teen,
            AgeBand::YoungAdult => &self.young_adult,
            AgeBand::Adult => &self.adult,
        }
    }

    pub fn all(&self) -> impl Iterator<Item = (AgeBand, &str)> {
        AgeBand::ALL.into_iter().map(|b| (b, self.get(&b)))
    }
}
