//! Browser entry point: attaches the WASM build of the UI to the HTML the server rendered.

/// Called by the generated JS loader once the WASM module is instantiated. `hydrate_lazy`
/// (not `hydrate_body`) because member pages are lazily loaded routes.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
