//! End-to-end tests in real browsers against the release build in `dist/`.
//! `everywhere` runs in Chromium, Firefox and WebKit (`QE_BROWSER`); the rest use Chromium's
//! console log and DevTools and run in Chromium.

mod support;

mod article;
mod built;
mod compare;
mod concordance;
mod everywhere;
mod explorer;
mod filters;
mod hosted;
mod import;
mod indexed;
mod kept;
mod overview;
mod own_corpus;
mod screenshots;
mod words;
