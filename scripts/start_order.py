"""The window's start-up functions laid out side by side (issue 15).

    start_order.py link CC_ARGS...
        Called by scripts/cc for liaison-window: links with lld's
        --symbol-ordering-file, made from src-tauri/start-order.txt for this
        build's symbols, then runs `cc` as rustc would have.
    start_order.py generate BINARY CALLGRIND_OUT ORDER_FILE
        Writes ORDER_FILE: the functions of BINARY that the callgrind run
        CALLGRIND_OUT executed (scripts/start-order makes that run).
    start_order.py check BINARY ORDER_FILE
        Exits non-zero unless BINARY (built with symbols) has most of
        ORDER_FILE's functions, and has them first in its code.
    start_order.py packs
        Exits 0 if the window's link here packs its relocations.

Why names without their hashes: a Rust symbol carries a hash of its crate's
build (the compiler's version, the profile, the versions of the crates
below it), so a list of symbols would go stale with the next `cargo update`
and would not fit the release build if made from another profile. The list
names functions as `nm -C` shows them, which leaves the hash out, and each
link looks up this build's symbols for those names.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ORDER = os.path.join(HERE, "..", "src-tauri", "start-order.txt")
LLVM_SUFFIX = re.compile(r"\.llvm\.\d+$")


def functions(files):
    """(mangled, demangled, address) of each function defined in files, read
    with nm twice (as is, and demangled): both list the same symbols in the
    same order."""
    files = list(files)
    if not files:
        return []
    common = ["nm", "--defined-only", "--no-sort"]
    plain = subprocess.run(common + files, capture_output=True, text=True, errors="replace").stdout.splitlines()
    shown = subprocess.run(common + ["-C"] + files, capture_output=True, text=True, errors="replace").stdout.splitlines()
    if len(plain) != len(shown):
        raise RuntimeError("nm listed the symbols differently when demangling")
    out = []
    for a, b in zip(plain, shown):
        # "ADDRESS TYPE NAME"; file headers and blank lines have no type.
        fa, fb = a.split(" ", 2), b.split(" ", 2)
        if len(fa) == 3 and len(fb) == 3 and fa[1] in "Tt" and len(fa[1]) == 1:
            # LTO gives a function it makes visible across modules a suffix
            # of its own (".llvm." and a hash): the name is the same without.
            out.append((fa[2], LLVM_SUFFIX.sub("", fb[2]), int(fa[0], 16)))
    return out


def read_order(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]


def expand(args):
    """rustc hands a long command line over in a file (@FILE), one argument
    a line, a backslash before each space, quote or backslash of its own."""
    out = []
    for a in args:
        if a.startswith("@") and os.path.isfile(a[1:]):
            with open(a[1:], encoding="utf-8") as f:
                out.extend(re.sub(r"\\(.)", r"\1", line.rstrip("\n")) for line in f if line.strip())
        else:
            out.append(a)
    return out


def window_output(full):
    """The file this link writes, if it is the window's and lld links it."""
    if "-fuse-ld=lld" not in full or "-o" not in full:
        return None
    output = full[full.index("-o") + 1]
    return output if os.path.basename(output).startswith("liaison_window-") else None


def ordering_args(full):
    """The arguments that lay out the window's start-up functions first, or
    none when this link does not use lld (only lld reads the file)."""
    output = window_output(full)
    if output is None:
        return []
    inputs = [a for a in full if a.endswith((".o", ".rlib", ".a")) and os.path.isfile(a)]
    wanted = read_order(ORDER)
    by_name = {}
    for mangled, shown, _ in functions(inputs):
        by_name.setdefault(shown, []).append(mangled)
    symbols, seen = [], set()
    for name in wanted:
        for mangled in by_name.get(name, ()):
            if mangled not in seen:
                seen.add(mangled)
                symbols.append(mangled)
    if not symbols:
        return []
    listing = output + ".start-order"
    with open(listing, "w", encoding="utf-8") as f:
        f.write("\n".join(symbols) + "\n")
    # Names the list has that this build lacks (inlined here, or gone) are
    # expected: no warning for each.
    return [f"-Wl,--symbol-ordering-file={listing}", "-Wl,--no-warn-symbol-ordering"]


def glibc_reads_packed_relocations():
    """Whether this machine's C library reads packed relocations (glibc 2.36,
    Debian 12, Ubuntu 22.10). scripts/package asks too (`packs`), so that the
    package says the glibc its window needs."""
    try:
        version = os.confstr("CS_GNU_LIBC_VERSION").split()[1]
        major, minor = (int(x) for x in version.split(".")[:2])
    except (ValueError, IndexError, OSError):
        return False
    return (major, minor) >= (2, 36)


def packed_relocations(full):
    """The window's relocations packed (DT_RELR): its 1.5 MB table of them,
    read in whole and applied at every start, becomes 40 KB, and the window
    keeps 2 MiB less of its program mapped (measure build, 17.3 against
    19.4 MiB). Only where the C library reads that table: a program built
    with it does not start on an older one."""
    if window_output(full) and glibc_reads_packed_relocations():
        return ["-Wl,-z,pack-relative-relocs"]
    return []


def link(args):
    extra = []
    try:
        full = expand(args)
    except OSError as e:
        print(f"scripts/cc: linking as given ({e})", file=sys.stderr)
        full = []
    for part in (ordering_args, packed_relocations):
        try:
            extra += part(full)
        except Exception as e:  # noqa: BLE001 - a plain link beats a failed one
            print(f"scripts/cc: linking without {part.__name__} ({e})", file=sys.stderr)
    os.execvp("cc", ["cc"] + args + extra)


def generate(binary, callgrind_out, order_file):
    executed, current = set(), None
    name = os.path.realpath(binary)
    with open(callgrind_out, errors="replace") as f:
        for line in f:
            # ob= names the object of the functions (fn=) that follow it.
            if line.startswith("ob="):
                current = os.path.realpath(line[3:].strip()) == name
            elif current and line.startswith("fn="):
                executed.add(line[3:].strip())
    names = sorted({shown for mangled, shown, _ in functions([binary]) if mangled in executed})
    if len(names) < 1000:
        raise SystemExit(f"only {len(names)} of the window's functions ran: was callgrind given --demangle=no "
                         "and --compress-strings=no, and did the window reach its first data?")
    with open(order_file, "w", encoding="utf-8") as f:
        f.write("# The functions liaison-window runs from its start to 10 s idle on the sample\n"
                "# database, as `nm -C` names them. Made by scripts/start-order; read by\n"
                "# scripts/cc, which lays them out first in the window's code (issue 15).\n")
        f.write("\n".join(names) + "\n")
    print(f"{order_file}: {len(names)} functions")


def check(binary, order_file):
    """How much of the list this build found, and whether the functions found
    come first in the program's code."""
    wanted = set(read_order(order_file))
    table = functions([binary])
    found = {shown for _, shown, _ in table if shown in wanted}
    ordered = sorted(address for _, shown, address in table if shown in wanted)
    if not ordered:
        raise SystemExit(f"{binary}: none of {len(wanted)} start-up functions found (stripped, or the list is stale)")
    # Laid out, they come first: up to where nine in ten of them are, few
    # other functions are among them. A few, because C code and the
    # standard library's precompiled code move as whole sections and bring
    # their neighbours along: 2 others in a debug build, about 1,700 among
    # 8,500 in a measure build. Without the layout: 121,000 in a debug build.
    first, cut = ordered[0], ordered[len(ordered) * 9 // 10]
    among = sum(1 for _, shown, address in table if first <= address <= cut and shown not in wanted)
    share = len(found) / len(wanted)
    print(f"{binary}: {len(found)} of {len(wanted)} start-up functions found ({share:.0%}); "
          f"nine in ten of them within {(cut - first) / 2**20:.1f} MiB, with {among} other functions among them")
    ok = share >= 0.5 and among <= len(ordered)
    if not ok:
        raise SystemExit("the start-up order is not applied, or stale: run scripts/start-order "
                         "(or, with RUSTFLAGS set, add -Csymbol-mangling-version=v0: they replace .cargo/config.toml's)")


if __name__ == "__main__":
    command, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "link":
        link(rest)
    elif command == "generate" and len(rest) == 3:
        generate(*rest)
    elif command == "check" and len(rest) == 2:
        check(*rest)
    elif command == "packs" and not rest:
        sys.exit(0 if glibc_reads_packed_relocations() else 1)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
