#!/usr/bin/env bash
# Builds and runs every example project against the installed library, as an application would
# use it: install first (mvn -B install -DskipTests at the top), then examples/run-all.sh.
# Also checks what a consumer inherits: the library and its runtime needs, no command line and
# no logging binding.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' "$here/../pom.xml" | head -1)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# OpenCL drivers that compile with LLVM (PoCL) replace the JVM's signal handlers; libjsig chains them.
jsig="$(dirname "$(readlink -f "$(command -v java)")")/../lib/libjsig.so"
[ -f "$jsig" ] && export LD_PRELOAD="$jsig${LD_PRELOAD:+:$LD_PRELOAD}"

fail() { echo "examples: $*" >&2; exit 1; }
run() { # project, arguments; the example's output goes to $out/PROJECT.log
    local project="$1"; shift
    echo "== $project $*"
    local status=0
    mvn -B -Dmssn.version="$version" -f "$here/$project/pom.xml" compile exec:exec -Dargs="$*" \
        > "$out/$project.log" 2>&1 || status=$?
    # the example's own lines, without Maven's (nor the colour resets Maven 3.8 writes in batch mode)
    sed 's/\x1b\[[0-9;]*m//g' "$out/$project.log" | grep -v '^\[\|^[[:space:]]*at \|^$' || true
    return $status
}

echo "== dependencies of a consumer of dev.mssn:mssn:$version"
mvn -B -q -Dmssn.version="$version" -f "$here/upscale-file/pom.xml" dependency:tree -Dscope=runtime \
    -DoutputFile="$out/deps.txt" >/dev/null 2>&1
cat "$out/deps.txt"
grep -q "dev.mssn:mssn:jar:$version" "$out/deps.txt" || fail "the library is not among the consumer's dependencies"
# the example names its own binding (a direct dependency: "+- " or "\- " at the first level);
# one further down the tree would come from the library
if grep -E "picocli" "$out/deps.txt" || grep -E "^(\||   ).*(slf4j-simple|logback|slf4j-reload4j|slf4j-jdk14|log4j-slf4j)" "$out/deps.txt"; then
    fail "a consumer inherits the command line or a logging binding (above)"
fi

echo "== the installed library jar"
# the default local repository (MAVEN_REPOSITORY when Maven is set up to use another)
repo_jar="${MAVEN_REPOSITORY:-$HOME/.m2/repository}/dev/mssn/mssn/$version/mssn-$version.jar"
[ -f "$repo_jar" ] || fail "$repo_jar is not installed"
listing="$(unzip -l "$repo_jar")"
for entry in META-INF/LICENSE META-INF/NOTICE kernels/common.cl weights/mssn-m-x2.safetensors dev/mssn/GpuSuperResolver.class; do
    grep -q " $entry\$" <<<"$listing" || fail "$repo_jar lacks $entry"
done
if grep -q "dev/mssn/cli/\|picocli/" <<<"$listing"; then fail "$repo_jar holds the command line"; fi
unzip -p "$repo_jar" META-INF/MANIFEST.MF | grep -q "^Automatic-Module-Name: dev.mssn" || fail "no module name in the manifest"
for kind in sources javadoc; do
    [ -f "${repo_jar%.jar}-$kind.jar" ] || fail "no $kind jar beside $repo_jar"
done
echo "licence, notice, kernels, weights, module name; sources and javadoc jars: present"

run upscale-file "$here/sample-lr.png" "$out/big.png" || fail "upscale-file failed: $out/upscale-file.log"
grep -q "(x2 with mssn-m)" "$out/upscale-file.log" || fail "upscale-file did not say what it ran"
[ -s "$out/big.png" ] || fail "upscale-file wrote nothing"
status=0
run upscale-file "$here/sample-lr.png" "$out/big.png" || status=$?
[ "$status" = 1 ] && grep -q "big.png: exists" "$out/upscale-file.log" && grep -q "Exit value: 2" "$out/upscale-file.log" \
    || fail "upscale-file should refuse to replace its earlier output (exit 2)"

run in-memory "$here/sample-lr.png" "$out/big-in-memory.png" || fail "in-memory failed"
grep -q "100% (" "$out/in-memory.log" || fail "in-memory reported no progress"
grep -q "still usable: 384 px wide" "$out/in-memory.log" || fail "in-memory: the instance did not survive the cancel"
grep -q "(384x256)" "$out/in-memory.log" || fail "in-memory did not write a 384x256 image"
java "$here/SamePixels.java" "$out/big.png" "$out/big-in-memory.png" || fail "the two examples' images differ"

mkdir -p "$out/folder"
for name in a b c; do cp "$here/sample-lr.png" "$out/folder/$name.png"; done
echo "not an image" > "$out/folder/broken.png"
status=0
run batch-folder "$out/folder" "$out/folder-x2" 3 || status=$?
# Maven exits 1 when the program it ran did not exit 0; the program's own code (2, as bin/mssn's) is in its log
[ "$status" = 1 ] && grep -q "Exit value: 2" "$out/batch-folder.log" \
    || fail "batch-folder should exit 2 for the broken file (Maven: $status; $(grep -o 'Exit value: [0-9]*' "$out/batch-folder.log"))"
grep -q "^3 of 4 images" "$out/batch-folder.log" || fail "batch-folder did not write the three good images"
grep -q "^failed: .*broken.png: cannot decode" "$out/batch-folder.log" || fail "batch-folder did not name the broken file"
for name in a b c; do
    java "$here/SamePixels.java" "$out/big.png" "$out/folder-x2/$name.png" || fail "batch-folder's $name.png differs"
done

echo "examples: all passed"
