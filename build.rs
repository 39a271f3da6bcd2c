//! The wasm build keeps its relocations, so that scripts/post-build.mjs can split it into
//! the first screen's module and the chunks loaded when first used (wasm-split-cli).

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
}
