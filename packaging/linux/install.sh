#!/bin/sh
# Installs this smoplanner folder for the current user (PREFIX=~/.local), or system-wide with
# PREFIX=/usr/local (as root): the program, its menu entry, icons, and the .smoplan file type.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-"$HOME/.local"}
id=org.smoplanner.smoplanner

mkdir -p "$prefix/lib" "$prefix/bin" "$prefix/share"
rm -rf "$prefix/lib/smoplanner"
cp -R "$here/usr/lib/smoplanner" "$prefix/lib/smoplanner"
ln -sf "../lib/smoplanner/smoplanner" "$prefix/bin/smoplanner"
# Menu entry, metadata, file type and icons; the menu entry runs the installed program by its path.
cp -R "$here/usr/share/." "$prefix/share/"
sed -i "s|^Exec=smoplanner|Exec=$prefix/bin/smoplanner|; s|^TryExec=smoplanner|TryExec=$prefix/bin/smoplanner|" \
  "$prefix/share/applications/$id.desktop"

command -v update-mime-database >/dev/null && update-mime-database "$prefix/share/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
echo "smoplanner installed in $prefix (run: $prefix/bin/smoplanner; remove: $here/uninstall.sh)"
