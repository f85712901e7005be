//! The message catalogue is compiled in by `fluent_templates::static_loader!`, which reads
//! `locales/` while the crate compiles: a new or removed `.ftl` file must rebuild it.

fn main() {
    println!("cargo::rerun-if-changed=locales");
}
