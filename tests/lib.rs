//! Retort's browser tests live in `dom/` (the Yew app mounted in headless Chromium); golden
//! scripts and end-to-end page tests join them here. This library itself is empty: it only
//! gives the test binaries a package.
