//! End-to-end tests in a real headless Chromium, against the release build.

mod support;

mod explorer;
mod screenshots;
mod smoke;
