{{/*
Memory: the container's limit (resources.limits.memory) is shared out by one rule, so that no two settings compete.
- Java heap: memory.heapPercent of the limit, as -XX:MaxRAMPercentage in JAVA_TOOL_OPTIONS. It is the only heap
  setting: the image sets no JVM flag, javaToolOptions may not carry a heap flag, and extraEnv may not set the
  other variables the JVM reads flags from (JDK_JAVA_OPTIONS, _JAVA_OPTIONS), which would win over it.
- RocksDB: memory.rocksdbPercent of the limit, in bytes, as taza.streams.rocksdb.memory: one block cache for all
  state stores, the memtables charged to it (the platform's BoundedRocksDbMemory).
- The rest: the JVM outside its heap (metaspace, code cache, thread stacks, the Kafka clients' direct buffers, GC)
  and RocksDB outside its cache; at least 15% of the limit.
*/}}

{{/* A Kubernetes memory quantity (1536Mi, 3Gi, 2G, 805306368) in bytes. */}}
{{- define "taza-lib.quantityBytes" -}}
{{- $quantity := toString . -}}
{{- $units := dict "" 1 "Ki" 1024 "Mi" 1048576 "Gi" 1073741824 "Ti" 1099511627776 "k" 1000 "M" 1000000 "G" 1000000000 "T" 1000000000000 -}}
{{- $number := regexFind "^[0-9]+(\\.[0-9]+)?" $quantity -}}
{{- $unit := trimPrefix $number $quantity -}}
{{- if or (not $number) (not (hasKey $units $unit)) -}}
{{- fail (printf "resources.limits.memory is %q: give a quantity in bytes or with Ki, Mi, Gi, Ti, k, M, G or T" $quantity) -}}
{{- end -}}
{{- mulf $number (get $units $unit) | int64 -}}
{{- end -}}

{{/* The container's memory limit in bytes; required, since heap and RocksDB are sized from it. */}}
{{- define "taza-lib.memoryLimitBytes" -}}
{{- $limit := ((.Values.resources).limits).memory -}}
{{- if not $limit -}}
{{- fail "resources.limits.memory is required: the Java heap (memory.heapPercent) and RocksDB (memory.rocksdbPercent) are sized from it" -}}
{{- end -}}
{{- include "taza-lib.quantityBytes" $limit -}}
{{- end -}}

{{/* The RocksDB budget in bytes: memory.rocksdbPercent of the limit. */}}
{{- define "taza-lib.rocksdbBytes" -}}
{{- div (mul (include "taza-lib.memoryLimitBytes" . | int64) (.Values.memory.rocksdbPercent | int64)) 100 -}}
{{- end -}}

{{/* JAVA_TOOL_OPTIONS: the heap flag, then javaToolOptions. */}}
{{- define "taza-lib.javaToolOptions" -}}
{{- printf "-XX:MaxRAMPercentage=%d %s" (.Values.memory.heapPercent | int) .Values.javaToolOptions | trim -}}
{{- end -}}

{{/* Refuses values that would let a second setting decide the heap, or leave the JVM no room outside it. */}}
{{- define "taza-lib.validateMemory" -}}
{{- $memory := .Values.memory -}}
{{- $_ := include "taza-lib.memoryLimitBytes" . -}}
{{- if regexMatch "(^|\\s)(-Xmx|-XX:MaxHeapSize=|-XX:MaxRAMPercentage=|-XX:MaxRAMFraction=|-XX:MaxRAM=|-XX:InitialRAMPercentage=|-XX:MinRAMPercentage=)" (.Values.javaToolOptions | default "") -}}
{{- fail (printf "javaToolOptions (%s) sets the heap: the heap is memory.heapPercent of resources.limits.memory (-XX:MaxRAMPercentage), the one heap setting; remove the flag and set memory.heapPercent" .Values.javaToolOptions) -}}
{{- end -}}
{{- range .Values.extraEnv -}}
{{- if has .name (list "JAVA_TOOL_OPTIONS" "JDK_JAVA_OPTIONS" "_JAVA_OPTIONS") -}}
{{- fail (printf "extraEnv sets %s: the JVM options are javaToolOptions and the heap is memory.heapPercent (another variable with JVM flags would override them)" .name) -}}
{{- end -}}
{{- end -}}
{{- if gt (add ($memory.heapPercent | int) ($memory.rocksdbPercent | int)) 85 -}}
{{- fail (printf "memory.heapPercent (%d) + memory.rocksdbPercent (%d) is above 85: the JVM needs at least 15%% of the memory limit outside its heap (metaspace, code cache, threads, direct buffers) and RocksDB some outside its cache" ($memory.heapPercent | int) ($memory.rocksdbPercent | int)) -}}
{{- end -}}
{{- end -}}
