# build.sh - the Makefile asks pkg-config for the libraries' flags only when a
# compile or link needs them, never while it is read: `make deps sample` on a
# fresh machine must install the -dev packages before anything looks for their
# headers (README's first command). A pkg-config on PATH that notes each call
# tells when make asked.
. tests/e2e/lib.sh
mkdir -p "$WORK/bin"
cat >"$WORK/bin/pkg-config" <<EOS
#!/bin/sh
echo "\$*" >>"$WORK/asked"
exec /usr/bin/pkg-config "\$@"
EOS
chmod +x "$WORK/bin/pkg-config"
asked() { [ -f "$WORK/asked" ] && wc -l <"$WORK/asked" || echo 0; }

PATH=$WORK/bin:$PATH make -n -s deps >/dev/null 2>&1
check_eq "make deps reads the Makefile without asking pkg-config" 0 "$(asked)"
PATH=$WORK/bin:$PATH make -n -s clean >/dev/null 2>&1
check_eq "make clean does not ask pkg-config" 0 "$(asked)"

# A dry run that compiles and links asks once for the cflags and once for the
# libs, whatever the number of files.
PATH=$WORK/bin:$PATH make -n -s -B B="$WORK/b" "$WORK/b/nirakaran" >"$WORK/plan" 2>&1
check_eq "a build asks pkg-config twice (cflags, libs)" 2 "$(asked)"
check_contains "the compile lines carry the cflags" "$(/usr/bin/pkg-config --cflags libutf8proc xlsxwriter)" \
	"$(grep -m1 -- ' -c -o ' "$WORK/plan")"
check_contains "the link line carries the libs" "-lxlsxwriter" "$(grep -- '-o .*/b/nirakaran ' "$WORK/plan")"
finish
