//! The bond extractor: the one way a request handler enters a bond.
//!
//! Every route under `/bonds/{bond}/…` takes an [`InBond`] (or an [`InBondWith`] when the
//! path names something inside the bond). It signs the viewer in, reads the `{bond}` segment
//! and opens the bond through the privacy core, so a handler starts with the proof that the
//! viewer belongs to the bond and cannot forget to ask for it. A bond of another family, one
//! the viewer is not in, or one together mode does not open is "not found" before the handler
//! runs. A form sent to a bond that has ended is refused with 409: its history is there to
//! read, not to add to. A source scan (the test below) fails when any other file opens a bond
//! for a viewer.
//!
//! Adding a bond page:
//! 1. Route it under `/bonds/{bond}/…` in the feature's `router()`.
//! 2. Take `InBond(viewer, access): InBond` — or `InBondWith(viewer, access, id):
//!    InBondWith<String>` for one more path segment, `InBondWith<(String, String)>` for two.
//! 3. Link to it with `access.href("…")`, in Rust and in templates.

use axum::{
    extract::{FromRequestParts, Path},
    http::{Method, request::Parts},
};

use crate::{
    app::AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    i18n::Msg,
    privacy::BondAccess,
};

/// A signed-in viewer inside one of their bonds, read from the `{bond}` path segment: the
/// viewer, and the bond opened for them. A tuple, so a handler's signature names both in
/// one short pattern.
pub struct InBond(pub Viewer, pub BondAccess);

/// [`InBond`] plus the path segments after `{bond}`, in route order.
pub struct InBondWith<P>(pub Viewer, pub BondAccess, pub P);

/// The path segments a bond route names after `{bond}`.
pub trait BondPathParams: Sized {
    /// Builds the value from the segments after `{bond}`; `None` when the route does not
    /// name exactly as many.
    fn from_segments(segments: Vec<String>) -> Option<Self>;
}

impl BondPathParams for String {
    fn from_segments(segments: Vec<String>) -> Option<Self> {
        let [one] = <[String; 1]>::try_from(segments).ok()?;
        Some(one)
    }
}

impl BondPathParams for (String, String) {
    fn from_segments(segments: Vec<String>) -> Option<Self> {
        let [one, two] = <[String; 2]>::try_from(segments).ok()?;
        Some((one, two))
    }
}

/// The viewer, the opened bond and the other path parameters (by name, in route order).
async fn enter(parts: &mut Parts, state: &AppState) -> AppResult<(InBond, Vec<String>)> {
    let viewer = Viewer::from_request_parts(parts, state).await?;
    // A path segment that is not valid text cannot name a bond of theirs.
    let Path(params) = Path::<Vec<(String, String)>>::from_request_parts(parts, state)
        .await
        .map_err(|_| AppError::NotFound)?;
    let mut bond = None;
    let mut rest = Vec::new();
    for (name, value) in params {
        if name == "bond" {
            bond = Some(value);
        } else {
            rest.push(value);
        }
    }
    let bond = bond.ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!(
            "a bond extractor on a route without {{bond}}: {}",
            parts.uri.path()
        ))
    })?;
    let access = BondAccess::open(&mut state.db.conn().await?, &viewer, &bond).await?;
    if access.ended() && !matches!(parts.method, Method::GET | Method::HEAD) {
        return Err(AppError::Conflict(Msg::new("error-bond-has-ended")));
    }
    Ok((InBond(viewer, access), rest))
}

impl FromRequestParts<AppState> for InBond {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<InBond> {
        let (in_bond, rest) = enter(parts, state).await?;
        if !rest.is_empty() {
            return Err(route_mismatch(parts));
        }
        Ok(in_bond)
    }
}

impl<P: BondPathParams + Send> FromRequestParts<AppState> for InBondWith<P> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        let (InBond(viewer, access), rest) = enter(parts, state).await?;
        let param = P::from_segments(rest).ok_or_else(|| route_mismatch(parts))?;
        Ok(InBondWith(viewer, access, param))
    }
}

/// A handler whose extractor does not match its route's parameters: a programming error.
fn route_mismatch(parts: &Parts) -> AppError {
    AppError::Internal(anyhow::anyhow!(
        "the bond extractor does not match the parameters of {}",
        parts.uri.path()
    ))
}

#[cfg(test)]
mod tests {
    use super::BondPathParams;
    use crate::privacy::scan;

    #[test]
    fn path_params_take_exactly_the_segments_their_route_names() {
        let segments = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            String::from_segments(segments(&["day"])).as_deref(),
            Some("day")
        );
        assert_eq!(String::from_segments(segments(&[])), None);
        assert_eq!(String::from_segments(segments(&["a", "b"])), None);
        assert_eq!(
            <(String, String)>::from_segments(segments(&["id", "small"])),
            Some(("id".into(), "small".into()))
        );
        assert_eq!(<(String, String)>::from_segments(segments(&["id"])), None);
    }

    /// A handler that opened its bond by hand could forget to, or open it for the wrong
    /// member: only this file opens a bond for a viewer, and no handler reads `{bond}` itself.
    #[test]
    fn only_the_bond_extractor_opens_a_bond_for_a_viewer() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut offenders = Vec::new();
        for path in scan::rust_files(&root.join("src"), &root.join("src/privacy")) {
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if relative == "src/web/bond.rs" {
                continue;
            }
            let code: String = scan::lex(&std::fs::read_to_string(&path).unwrap())
                .code
                .split_whitespace()
                .collect();
            for by_hand in ["BondAccess::open(", "Path((bond", "Path(bond)"] {
                if code.contains(by_hand) {
                    offenders.push(format!("{relative}: {by_hand}"));
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "bonds opened by hand instead of with InBond: {offenders:#?}"
        );
    }
}
