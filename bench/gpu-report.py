#!/usr/bin/env python3
"""Static GPU report: every kernel variant compiled to real GPU code, without a GPU.

Each build (a kernel file with the -D parameters of a tuned design's candidate, or an exact kernel)
goes through clang-15 twice:
  AMD     amdgcn for gfx906 (Vega 20: Radeon VII, Instinct MI50/MI60), OpenCL builtins from
          libclc-15 (the version Mesa's rusticl uses); the compiler's own statistics give vector
          registers, scratch (spilled or stack) bytes, local memory (LDS) and occupancy in waves
          per SIMD (at most 10).
  NVIDIA  PTX for sm_70 from the same source and libclc. PTX registers are virtual (the driver
          assigns real ones), so the report gives what PTX does show: the local-memory stack frame
          (private arrays not kept in registers, which live in device memory on NVIDIA GPUs) and
          shared memory.
For both, the hottest innermost loop (the loop without a loop inside that holds the most FMAs) is
counted: FMAs per memory instruction (every load and store: vector, scalar, LDS/shared, scratch).

Usage: bench/gpu-report.py [--all] [--check] [--markdown] [--jobs N]
  (default) the builds the shipped tuning entries select, in fp32 and fp16 storage, and the exact
            kernels; --all adds every build the designs' search spaces can produce
  --check   exit 1 when a build a shipped entry selects spills to scratch (AMD), keeps a stack
            frame in local memory (NVIDIA), calls a function whose body was not emitted, or does
            not compile
Needs clang-15 and libclc-15 (apt-get install clang-15 libclc-15), java, and the library compiled
(mvn compile -pl src).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNELS = os.path.join(ROOT, "kernels")
CLANG = "clang-15"
LIBCLC = "/usr/lib/clc"
TARGETS = {
    "amd": ["-target", "amdgcn-mesa-mesa3d", "-mcpu=gfx906", "-Xclang", "-mlink-bitcode-file",
            "-Xclang", LIBCLC + "/gfx906-amdgcn-mesa-mesa3d.bc"],
    "nvidia": ["-target", "nvptx64-nvidia-nvidiacl", "-Xclang", "-target-cpu", "-Xclang", "sm_70",
               "-Xclang", "-mlink-bitcode-file", "-Xclang", LIBCLC + "/nvptx64--nvidiacl.bc"],
}
# The exact kernels: every device runs them (the tuned designs' twins, and the network's other stages).
EXACT = ["io_unpack.cl", "conv_dense.cl", "conv_pointwise.cl", "conv_depthwise.cl", "fuse_residual.cl", "pixel_shuffle.cl"]
STORAGES = {"fp32": [], "fp16": ["-DSTORE_HALF"]}


def java_lines(main):
    classes = os.path.join(ROOT, "src", "target", "classes")
    if not os.path.isdir(classes):
        sys.exit("the library is not compiled: run mvn -q compile -pl src first")
    cp_file = os.path.join(ROOT, "src", "target", "report.classpath")
    if not os.path.exists(cp_file):
        subprocess.run(["mvn", "-q", "-B", "-pl", "src", "dependency:build-classpath",
                        "-Dmdep.outputFile=" + cp_file], cwd=ROOT, check=True)
    with open(cp_file) as f:
        cp = classes + os.pathsep + f.read().strip()
    out = subprocess.run(["java", "-cp", cp, main], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line.strip()]


class Build:
    def __init__(self, file, defines, storage, users):
        self.file, self.defines, self.storage, self.users = file, defines, storage, users
        self.results = {}

    def name(self):
        return f"{self.file} {self.defines} {self.storage}".replace("  ", " ")


def compile_build(build, target):
    with open(os.path.join(KERNELS, "common.cl")) as f:
        source = f.read()
    with open(os.path.join(KERNELS, build.file)) as f:
        source += f.read()
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.s")
        cmd = [CLANG, "-x", "cl", "-cl-std=CL1.2", "-Xclang", "-finclude-default-header", "-nogpulib", "-O3", "-S",
               "-Wno-linker-warnings"] + TARGETS[target] + build.defines.split() + STORAGES[build.storage] + ["-", "-o", out]
        run = subprocess.run(cmd, input=source, capture_output=True, text=True)
        if run.returncode != 0:
            error = next((line for line in run.stderr.splitlines() if "error" in line), run.stderr.strip())
            return {"error": error.strip()}
        with open(out) as f:
            text = f.read()
    return parse_amd(text) if target == "amd" else parse_ptx(text)


AMD_FMA = re.compile(r"^v_(pk_)?(fma|fmac|mac)_(f32|f16|legacy_f32|mix_f32)")
AMD_MEM = re.compile(r"^(global|buffer|flat|scratch)_(load|store)|^ds_(read|write|load|store)|^s_(buffer_)?load")
AMD_BRANCH = re.compile(r"^s_(cbranch_\w+|branch)\s+(\.LBB\w+)")
AMD_LABEL = re.compile(r"^(\.LBB\w+):")


def innermost_hot_loop(body, label_re, branch_re, fma_re, mem_re):
    """(fma, mem, where) in the innermost loop holding the most FMAs; the whole body when no loop holds any."""
    labels = {}
    loops = []
    for i, line in enumerate(body):
        m = label_re.match(line)
        if m:
            labels[m.group(1)] = i
        m = branch_re.search(line)
        if m and m.group(2) in labels:  # a branch back to a label already seen closes a loop
            loops.append((labels[m.group(2)], i))
    inner = [l for l in loops if not any(o != l and l[0] <= o[0] and o[1] <= l[1] for o in loops)]

    def count(lo, hi):
        part = body[lo:hi + 1]
        return sum(1 for x in part if fma_re.search(x)), sum(1 for x in part if mem_re.search(x))

    best = max((count(lo, hi) for lo, hi in inner), key=lambda c: c[0], default=(0, 0))
    if best[0] == 0:  # no loop, or the arithmetic is unrolled outside the loops there are
        return count(0, len(body) - 1) + ("straight",)
    return best + ("loop",)


def parse_amd(text):
    bodies = {}
    for m in re.finditer(r"^(\w+):\s+; @\1\n(.*?)^\.Lfunc_end", text, re.S | re.M):
        body = [line.split(";")[0].strip() for line in m.group(2).splitlines()]
        bodies[m.group(1)] = [line for line in body if line and (not line.startswith(".") or AMD_LABEL.match(line))]
    kernels = {}
    for name in re.findall(r"^\s*\.(?:amdhsa_kernel|amdgpu_hsa_kernel) (\w+)", text, re.M):
        # a call the compiler kept (s_swappc) runs the callee's loops: they count as the kernel's
        reach = reachable(name, {f: "\n".join(b) for f, b in bodies.items()})
        fma, mem, where = max((innermost_hot_loop(bodies[f], AMD_LABEL, AMD_BRANCH, AMD_FMA, AMD_MEM) for f in reach),
                              key=lambda c: (c[0], -c[1]))
        stats = {"fma": fma, "mem": mem, "where": where, "calls": len(reach) - 1}
        block = text[text.index(f"{name}:"):]
        for key, pattern in (("vgprs", r"; NumVgprs: (\d+)"), ("scratch", r"; ScratchSize: (\d+)"),
                             ("lds", r"; LDSByteSize: (\d+)"), ("occupancy", r"; Occupancy: (\d+)")):
            stats[key] = int(re.search(pattern, block).group(1))
        kernels[name] = stats
    return {"kernels": kernels}


def reachable(name, bodies):
    """name and the functions its body names, transitively."""
    reach, todo = [], [name]
    while todo:
        f = todo.pop()
        if f not in reach:
            reach.append(f)
            todo += [g for g in bodies if g not in reach and re.search(r"\b" + g + r"\b", bodies[f])]
    return reach


PTX_FMA = re.compile(r"\bfma\.rn\.(f32|f16)")
PTX_MEM = re.compile(r"\b(ld|st)\.(global|shared|local|const)")
PTX_BRANCH = re.compile(r"(bra)(?:\.uni)?\s+(\$L__BB\w+);")
PTX_LABEL = re.compile(r"^(\$L__BB\w+):")


def parse_ptx(text):
    # A declared function with no body (C99 `inline` the compiler chose not to inline) would
    # fail to link in every driver: a build error, not a figure.
    unresolved = re.findall(r"^\.extern \.func\s+(?:\([^)]*\)\s*)?(\w+)\s*\(", text, re.M)
    if unresolved:
        return {"error": "calls " + ", ".join(unresolved) + ", whose body is not emitted"}
    # Functions the entries call (libclc leaves some helpers out of line) count as part of them.
    bodies = {}
    for m in re.finditer(r"^(?:\.visible |\.weak )?\.(entry|func)\s+(?:\([^)]*\)\s*)?(\w+)\((.*?)^\}", text, re.S | re.M):
        bodies[m.group(2)] = (m.group(1), m.group(3))
    kernels = {}
    for name, (kind, _) in bodies.items():
        if kind != "entry":
            continue
        reach = reachable(name, {f: b for f, (_, b) in bodies.items()})
        best, stack, shared = (0, 0, "straight"), 0, 0
        for f in reach:
            code = bodies[f][1]
            body = [line.split("//")[0].strip() for line in code.splitlines()]
            found = innermost_hot_loop([line for line in body if line], PTX_LABEL, PTX_BRANCH, PTX_FMA, PTX_MEM)
            if found[0] > best[0] or best == (0, 0, "straight"):
                best = found
            stack += sum(int(s) for s in re.findall(r"\.local \.align \d+ \.b8\s+__local_depot\d+\[(\d+)\]", code))
            shared += sum(int(s) for s in re.findall(r"\.shared \.align \d+ \.b8 \w+\[(\d+)\]", code))
        kernels[name] = {"fma": best[0], "mem": best[1], "where": best[2], "stack": stack, "shared": shared,
                         "calls": len(reach) - 1}
    return {"kernels": kernels}


def ratio(k):
    return f"{k['fma'] / k['mem']:.1f}" if k["mem"] else ("-" if not k["fma"] else "inf")


def rows(builds):
    header = ["build", "selected by", "kernel", "AMD vgprs", "scratch B", "LDS B", "waves/SIMD", "AMD fma/mem",
              "PTX stack B", "shared B", "PTX fma/mem"]
    out = []
    for b in builds:
        amd, nv = b.results["amd"], b.results["nvidia"]
        users = ", ".join(b.users) or "-"
        if "error" in amd or "error" in nv:
            out.append([b.name(), users, "does not compile: " + (amd.get("error") or nv.get("error"))] + [""] * 8)
            continue
        for kname, a in amd["kernels"].items():
            n = nv["kernels"].get(kname, {"stack": "?", "shared": "?", "fma": 0, "mem": 0})
            out.append([b.name(), users, kname, a["vgprs"], a["scratch"], a["lds"], a["occupancy"],
                        f"{ratio(a)} ({a['fma']}/{a['mem']}{'' if a['where'] == 'loop' else ', no loop'})",
                        n["stack"], n["shared"], f"{ratio(n)} ({n['fma']}/{n['mem']})"])
    return header, out


def print_table(header, table, markdown):
    cells = [[str(c) for c in r] for r in [header] + table]
    if markdown:
        for i, r in enumerate(cells):
            print("| " + " | ".join(c.replace("|", "/") for c in r) + " |")
            if i == 0:
                print("|" + "---|" * len(r))
        return
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    for r in cells:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="every build the search spaces can produce")
    parser.add_argument("--check", action="store_true", help="fail when a shipped build spills or does not compile")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    for tool in (CLANG, "java"):
        if subprocess.run(["sh", "-c", f"command -v {tool}"], capture_output=True).returncode != 0:
            sys.exit(f"{tool} not found: apt-get install clang-15 libclc-15 (and a JDK)")
    if not os.path.exists(LIBCLC + "/gfx906-amdgcn-mesa-mesa3d.bc"):
        sys.exit(f"libclc not found in {LIBCLC}: apt-get install libclc-15")

    builds = {}

    def add(file, defines, storage, user=None):
        b = builds.setdefault((file, defines, storage), Build(file, defines, storage, []))
        if user and user not in b.users:
            b.users.append(user)

    for storage in STORAGES:
        for file, defines, entry, design in java_lines("dev.mssn.engine.opencl.tuning.ShippedVariants"):
            add(file, defines, storage, f"{entry} ({design})")
        for file in EXACT:
            add(file, "-DOUT_PER_ITEM=4", storage, "every device (exact)")
        if args.all:
            for file, defines in java_lines("dev.mssn.engine.opencl.ops.KernelVariants"):
                add(file, defines, storage)
    jobs = [(b, t) for b in builds.values() for t in TARGETS]
    with ThreadPoolExecutor(args.jobs) as pool:
        for (b, t), result in zip(jobs, pool.map(lambda job: compile_build(*job), jobs)):
            b.results[t] = result
    ordered = sorted(builds.values(), key=lambda b: (not b.users, b.file, b.storage, b.defines))
    header, table = rows(ordered)
    print_table(header, table, args.markdown)

    failures = []
    for b in ordered:
        if not b.users:
            continue
        for t, r in b.results.items():
            if "error" in r:
                failures.append(f"{b.name()} ({t}): {r['error']}")
                continue
            for kname, k in r["kernels"].items():
                if k.get("scratch", 0) or k.get("stack", 0):
                    failures.append(f"{b.name()} ({t}) {kname}: {k.get('scratch', k.get('stack'))} bytes of scratch/stack")
    spilling = sum(1 for b in ordered for r in b.results.values() if "error" not in r
                   for k in r["kernels"].values() if k.get("scratch", 0) or k.get("stack", 0))
    print(f"\n{len(ordered)} builds x {len(TARGETS)} targets; kernels with scratch or a stack frame: {spilling}; "
          f"shipped builds failing the limits: {len(failures)}")
    if args.check and failures:
        print("FAILED: builds a shipped tuning entry selects break the static limits:", file=sys.stderr)
        for f in failures:
            print("  " + f, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
