#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() {
    let root = std::env::args().nth(1).unwrap();
    let bodies = std::env::args().nth(2).is_some();
    let ws = pobox::workspace::Workspace::load(std::path::Path::new(&root), pobox::workspace::LoadOptions { bodies }).unwrap();
    println!("{} items {} diags", ws.items.len(), ws.diagnostics.len());
}
