#!/usr/bin/env bash
# Refreshes the translation catalogues after English strings change, then compiles them.
#   scripts/translations.sh            extract + update + compile (core .po, window .ts)
#   scripts/translations.sh compile    compile only (.po -> .mo, .ts -> .qm)
# Translators edit designer/i18n/locale/<lang>/LC_MESSAGES/designer.po (Poedit, Lokalize ...)
# and resources/i18n/designer_<lang>.ts (Qt Linguist). A new language: pybabel init -l <lang>
# and a new .ts name in TS_FILES below.
set -euo pipefail
cd "$(dirname "$0")/.."
LOCALES=designer/i18n/locale
TS_FILES=(resources/i18n/designer_zh_CN.ts)

if [[ "${1:-}" != "compile" ]]; then
  pybabel extract -F babel.cfg -k N_ -k NP_:1,2 -k C_:1c,2 --no-location --sort-output \
    --project "Journey Designer" -o "$LOCALES/designer.pot" designer
  pybabel update -i "$LOCALES/designer.pot" -d "$LOCALES" -D designer --no-fuzzy-matching --ignore-obsolete
  find designer/app designer/canvas -name '*.py' | sort > /tmp/lupdate-files.txt
  pyside6-lupdate -silent -no-obsolete -locations none @/tmp/lupdate-files.txt -ts "${TS_FILES[@]}"
fi
pybabel compile -d "$LOCALES" -D designer --statistics
for ts in "${TS_FILES[@]}"; do pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"; done
