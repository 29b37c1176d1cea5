#!/usr/bin/env bash
# Debian packages the tests need: Chromium and its driver for browser tests, fonts for screenshots,
# poppler for checking generated PDFs, gettext for translation catalogues, Pango for WeasyPrint's PDFs,
# gdal-bin (ogrinfo, ogr2ogr) for checking that GIS software reads OGC API Features, redis-server for the tests
# of sessions shared by several web nodes, nginx-light for trying the runbook's nginx site in front of gunicorn.
# default-jre-headless runs the Nu Html Checker that validates the public pages. LibreOffice Writer and Calc
# (libreoffice-writer-nogui, libreoffice-calc-nogui) open every generated DOCX and XLSX as the office will.
set -euo pipefail
PACKAGES=(chromium chromium-driver fonts-dejavu-core fonts-liberation2 poppler-utils gettext libpango-1.0-0 libpangoft2-1.0-0 gdal-bin redis-server nginx-light default-jre-headless libreoffice-writer-nogui libreoffice-calc-nogui)
if [ "${1:-}" = "runtime" ]; then
  # what the running platform needs beyond Python: Pango and fonts for generated PDFs
  PACKAGES=(fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0)
fi
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Brakuje pakietów systemowych potrzebnych testom: ${missing[*]}" >&2
  echo "Zainstaluj je jako root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Instaluję pakiety systemowe: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
