// sqlx::migrate! embeds the migrations at compile time. Without this line,
// adding a migration file does not trigger a rebuild and the binary silently
// ships without it (atuin's build.rs explains the same trap).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
