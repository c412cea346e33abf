#!/bin/sh
# Removes what install.sh put in PREFIX (default ~/.local). Plans, settings and logs are kept.
set -eu
prefix=${PREFIX:-"$HOME/.local"}
id=org.smoplanner.smoplanner
mime=application-x-smoplanner

rm -rf "$prefix/lib/smoplanner"
rm -f "$prefix/bin/smoplanner" "$prefix/share/applications/$id.desktop" \
  "$prefix/share/metainfo/$id.metainfo.xml" "$prefix/share/mime/packages/$id.xml"
for dir in "$prefix"/share/icons/hicolor/*/; do
  rm -f "$dir"apps/$id.* "$dir"mimetypes/$mime.*
done
command -v update-mime-database >/dev/null && update-mime-database "$prefix/share/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" || true
echo "smoplanner removed from $prefix"
