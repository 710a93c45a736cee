//! The page's entry point: renders [`retort_web::App`] into `<body>`.

fn main() {
    yew::Renderer::<retort_web::App>::new().render();
}
