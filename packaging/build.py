#!/usr/bin/env python3
"""Builds smoplanner's desktop packages from a clean checkout (see packaging/README.md).

    python packaging/build.py linux      # build/packaging/smoplanner-VERSION-linux-ARCH(.tar.gz): an AppDir
    python packaging/build.py windows    # on Windows: the one-folder bundle, then Inno Setup's installer
    python packaging/build.py macos      # on macOS: smoplanner.app (and a .dmg with hdiutil)
    python packaging/build.py icons      # re-render resources/icons/*.png from the SVG (needs PySide6)

Every build starts from `git archive HEAD` (committed files only; `--worktree` takes the tracked files as
they are on disk instead), installs that source with its dependencies into a fresh virtual environment
beside PyInstaller, and runs packaging/pyinstaller/smoplanner.spec there. Only the standard library is
needed to run this script; Qt is needed for `icons` alone.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import platform
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import time
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parent
APP_ID = "org.smoplanner.smoplanner"
MIME_TYPE = "application/x-smoplanner"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
#: PyInstaller is installed from PyPI into the build's own environment; pinned so a build repeats.
PYINSTALLER = "pyinstaller==6.22.3"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=("linux", "windows", "macos", "icons", "bundle"))
    parser.add_argument("--out", type=Path, default=CHECKOUT / "build" / "packaging", help="the build folder")
    parser.add_argument("--worktree", action="store_true", help="build the tracked files as on disk, not HEAD")
    parser.add_argument("--reuse-venv", action="store_true", help="keep the build's environment if it exists")
    args = parser.parse_args(argv)

    if args.target == "icons":
        render_icons(CHECKOUT / "resources" / "icons")
        return 0
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch())
    os.environ["PYTHONHASHSEED"] = "0"  # the same bytecode and module order from one build to the next

    src = export_source(out / "src", worktree=args.worktree)
    python = build_venv(out / "venv", src, reuse=args.reuse_venv)
    icons = out / "icons"
    write_platform_icons(src / "resources" / "icons", icons)
    bundle = run_pyinstaller(python, src, out, icons)
    print(f"bundle: {bundle} ({human_size(folder_size(bundle))})")

    if args.target == "linux":
        appdir = linux_appdir(src, bundle, out, icons)
        tarball = reproducible_tar(appdir, out / f"{appdir.name}.tar.gz")
        print(f"AppDir: {appdir}\ntarball: {tarball} ({human_size(tarball.stat().st_size)})")
    elif args.target == "windows":
        windows_installer(src, out)
    elif args.target == "macos":
        macos_dmg(out)
    return 0


# --- source and environment ---------------------------------------------------------------------


def run(*cmd: str | Path, **kwargs: object) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)  # type: ignore[call-overload]


def source_date_epoch() -> str:
    """The last commit's time: archives and bundles get the same timestamps every time."""
    try:
        return subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=CHECKOUT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return str(int(time.time()))


def export_source(dest: Path, *, worktree: bool) -> Path:
    """A clean copy of the checkout: no build outputs, caches or untracked files can slip in."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    if worktree:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached"], cwd=CHECKOUT, capture_output=True, check=True
        ).stdout
        for name in filter(None, listed.decode().split("\0")):
            source = CHECKOUT / name
            if source.is_file():
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dest / name)
    else:
        archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=CHECKOUT, capture_output=True)
        if archive.returncode:
            raise SystemExit(f"git archive failed: {archive.stderr.decode().strip()}")
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(dest, filter="data")
    return dest


def build_venv(path: Path, src: Path, *, reuse: bool) -> Path:
    """A fresh environment with smoplanner (from ``src``, not editable) and PyInstaller, nothing else:
    a system-wide PySide6 or the developer's test tools cannot end up in the bundle."""
    python = path / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    if not (reuse and python.exists()):
        if path.exists():
            shutil.rmtree(path)
        venv.EnvBuilder(with_pip=True, clear=True).create(path)
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    run(python, "-m", "pip", "install", "--quiet", PYINSTALLER, env=env)
    run(python, "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", src, env=env)
    run(python, "-m", "pip", "install", "--quiet", src, env=env)
    return python


def run_pyinstaller(python: Path, src: Path, out: Path, icons: Path) -> Path:
    dist = out / "dist"
    env = dict(os.environ, SMOPLANNER_ICONS=str(icons))
    run(
        python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", dist, "--workpath", out / "work",
        src / "packaging" / "pyinstaller" / "smoplanner.spec",
        cwd=out, env=env,
    )  # fmt: skip
    bundle = dist / "smoplanner"
    prune_bundle(bundle)
    return bundle


# Qt libraries and plugins PyInstaller's hooks bring along that a desktop app never loads: embedded
# displays (EGLFS, framebuffer, VNC), TLS and network information (the app has no network), QML, and
# the GTK platform theme (it would ship the build machine's GTK; the app draws with Fusion).
PRUNE = re.compile(
    r"(libQt6(WebEngine|Quick|Qml|Pdf|Multimedia|3D|Charts|DataVisualization|Bluetooth|Positioning|Test|Designer|EglFs)"
    r"|/qml/|/plugins/(qmltooling|sceneparsers|renderers|geometryloaders|multimedia|position|webview|"
    r"egldeviceintegrations|networkinformation|tls|generic)/"
    r"|/plugins/platforms/libq(eglfs|linuxfb|minimalegl|vkkhrdisplay|vnc)\.so"
    r"|/plugins/platformthemes/libqgtk3\.so)"
)


def prune_bundle(bundle: Path) -> None:
    for path in sorted(bundle.rglob("*"), reverse=True):
        if PRUNE.search(path.as_posix()):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
    if sys.platform.startswith("linux") and shutil.which("readelf"):
        drop_orphan_libraries(bundle / "_internal")
    if sys.platform.startswith("linux") and shutil.which("strip"):
        strip_python(bundle / "_internal")


def drop_orphan_libraries(internal: Path) -> None:
    """Removes the shared libraries that only a pruned plugin needed (GTK, Pango, Cairo…): a top-level
    library that no ELF file left in the bundle names in its DT_NEEDED goes, until none is left."""
    elves = [p for p in internal.rglob("*") if p.is_file() and not p.is_symlink() and _is_elf(p)]
    needs = {p: _needed(p) for p in elves}
    while True:
        wanted = set().union(*needs.values())
        orphans = [
            p for p in needs
            if p.parent == internal and p.name.startswith("lib") and ".so" in p.name
            and not p.name.startswith("libpython") and p.name not in wanted
        ]  # fmt: skip
        if not orphans:
            return
        for path in orphans:
            print(f"dropped {path.name}: no bundled file needs it")
            path.unlink()
            del needs[path]


def strip_python(internal: Path) -> None:
    """Python's own library and extension modules without their debugging symbols (a Python built from
    source keeps them: libpython shrinks from 23 to 6 MiB). Qt's libraries come stripped already."""
    targets = [*internal.glob("libpython3*.so*"), *internal.glob("python3*/lib-dynload/*.so")]
    files = [str(p) for p in targets if p.is_file() and not p.is_symlink()]
    if files:
        run("strip", "--strip-unneeded", *files)


def _is_elf(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(4) == b"\x7fELF"


def _needed(path: Path) -> set[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out))


# --- icons --------------------------------------------------------------------------------------


def render_icons(dest: Path) -> None:
    """resources/icons/smoplanner-N.png from smoplanner.svg with Qt's SVG renderer (committed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(dest / "smoplanner.svg"))
    if not renderer.isValid():
        raise SystemExit("resources/icons/smoplanner.svg cannot be read")
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(dest / f"smoplanner-{size}.png"))
        print(f"wrote {dest / f'smoplanner-{size}.png'}")


def write_platform_icons(source: Path, dest: Path) -> None:
    """The Windows .ico and the macOS .icns, built from the committed PNGs in pure Python."""
    dest.mkdir(parents=True, exist_ok=True)
    pngs = {size: (source / f"smoplanner-{size}.png").read_bytes() for size in ICON_SIZES}
    (dest / "smoplanner.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICON_SIZES if s <= 256}))
    (dest / "smoplanner.icns").write_bytes(icns_bytes(pngs))


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico whose images are PNGs (Windows Vista and later read them at every size)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    entries, data = b"", b""
    offset = 6 + 16 * len(pngs)
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + entries + data


#: icns element types holding PNG data, by pixel size (the @2x types reuse the larger PNG).
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256), (b"ic09", 512),
    (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512),
)  # fmt: skip


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


# --- Linux --------------------------------------------------------------------------------------


def linux_appdir(src: Path, bundle: Path, out: Path, icons: Path) -> Path:
    """The bundle laid out as it installs (usr/bin, usr/lib, usr/share), which is also an AppDir
    (AppRun, the .desktop file and the icon at the top) for appimagetool."""
    version = read_version(src)
    appdir = out / f"smoplanner-{version}-linux-{platform.machine()}"
    if appdir.exists():
        shutil.rmtree(appdir)
    usr = appdir / "usr"
    shutil.copytree(bundle, usr / "lib" / "smoplanner", symlinks=True)
    (usr / "bin").mkdir(parents=True)
    (usr / "bin" / "smoplanner").symlink_to("../lib/smoplanner/smoplanner")
    linux = src / "packaging" / "linux"
    share = usr / "share"
    install(linux / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    install(linux / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml")
    install(linux / f"{APP_ID}.xml", share / "mime" / "packages" / f"{APP_ID}.xml")
    source_icons = src / "resources" / "icons"
    mime_icon = MIME_TYPE.replace("/", "-")
    for size in ICON_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}"
        install(source_icons / f"smoplanner-{size}.png", folder / "apps" / f"{APP_ID}.png")
        install(source_icons / f"smoplanner-{size}.png", folder / "mimetypes" / f"{mime_icon}.png")
    scalable = share / "icons" / "hicolor" / "scalable"
    install(source_icons / "smoplanner.svg", scalable / "apps" / f"{APP_ID}.svg")
    install(source_icons / "smoplanner.svg", scalable / "mimetypes" / f"{mime_icon}.svg")
    install(linux / "install.sh", appdir / "install.sh", mode=0o755)
    install(linux / "uninstall.sh", appdir / "uninstall.sh", mode=0o755)
    # AppDir: what appimagetool and AppImage runtimes look for at the top.
    (appdir / "AppRun").symlink_to("usr/bin/smoplanner")
    (appdir / f"{APP_ID}.desktop").symlink_to(f"usr/share/applications/{APP_ID}.desktop")
    (appdir / f"{APP_ID}.svg").symlink_to(f"usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg")
    (appdir / ".DirIcon").symlink_to(f"usr/share/icons/hicolor/256x256/apps/{APP_ID}.png")
    return appdir


def install(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def reproducible_tar(folder: Path, target: Path) -> Path:
    """A .tar.gz with sorted names, one timestamp and no owner: the same input gives the same bytes."""
    epoch = int(os.environ["SOURCE_DATE_EPOCH"])

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.mtime = epoch
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        if not info.issym():
            info.mode = 0o755 if info.isdir() or info.mode & 0o111 else 0o644
        return info

    with (
        open(target, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=epoch) as gz,
        tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        tar.add(folder, arcname=folder.name, recursive=False, filter=normalise)
        for path in sorted(folder.rglob("*")):
            name = f"{folder.name}/{path.relative_to(folder).as_posix()}"
            tar.add(path, arcname=name, recursive=False, filter=normalise)
    return target


# --- Windows and macOS (written here, built and tested only on those systems) -------------------


def windows_installer(src: Path, out: Path) -> None:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if not iscc:
        print("Inno Setup's ISCC is not on PATH: the bundle is in build/packaging/dist/smoplanner")
        return
    script = src / "packaging" / "windows" / "smoplanner.iss"
    run(iscc, f"/DAppVersion={read_version(src)}", f"/DBuildDir={out}", script)


def macos_dmg(out: Path) -> None:
    app = out / "dist" / "smoplanner.app"
    if shutil.which("hdiutil") and app.exists():
        run("hdiutil", "create", "-volname", "smoplanner", "-srcfolder", app, "-ov", "-format", "UDZO",
            out / "smoplanner.dmg")  # fmt: skip


# --- helpers ------------------------------------------------------------------------------------


def read_version(src: Path) -> str:
    text = (src / "smoplanner" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    if not match:
        raise SystemExit("no __version__ in smoplanner/__init__.py")
    return match.group(1)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def human_size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB"


if __name__ == "__main__":
    sys.exit(main())
