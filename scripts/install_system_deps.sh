#!/usr/bin/env bash
# Debian packages the project uses: tesseract with Dutch data for OCR, and Liberation fonts, which the OCR
# tests draw their scanned pages with (with another font tesseract reads "37,-" as "37 ,-" and the accuracy
# checks would measure the font, not our OCR path).
# Idempotent: does nothing when they are present. Without root/apt-get it only warns: OCR is optional.
set -uo pipefail
need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
if command -v tesseract >/dev/null 2>&1; then
  tesseract --list-langs 2>/dev/null | grep -qx nld || need+=(tesseract-ocr-nld)
else
  need+=(tesseract-ocr-nld)
fi
[ -f /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf ] || need+=(fonts-liberation2)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "warning: missing ${need[*]} (OCR of scanned pages disabled); install them with apt-get" >&2
  exit 0
fi
echo "installing ${need[*]} from Debian packages" >&2
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null 2>&1; then
  apt-get update -q >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null \
    || echo "warning: could not install ${need[*]}; OCR disabled" >&2
fi
exit 0
