{{/*
The workload: a StatefulSet, because every Taza service runs a Kafka Streams application (exactly_once_v2) whose
RocksDB state lives on the pod's own volume and whose static group membership follows the stable pod name.
*/}}
{{- define "taza-lib.statefulset" -}}
{{- $kafka := .Values.global.kafka -}}
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ include "taza-lib.fullname" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
spec:
  serviceName: {{ include "taza-lib.headlessName" . }}
  {{- if not (or .Values.autoscaling.keda.enabled .Values.autoscaling.hpa.enabled) }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  # Instances are independent Streams members: start and stop them in parallel (no ordinal ordering needed).
  podManagementPolicy: Parallel
  updateStrategy:
    type: RollingUpdate
  selector:
    matchLabels:
      {{- include "taza-lib.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "taza-lib.selectorLabels" . | nindent 8 }}
        app.kubernetes.io/part-of: taza
        {{- with .Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with .Values.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      serviceAccountName: {{ include "taza-lib.serviceAccountName" . }}
      automountServiceAccountToken: false
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      # Spring closes the web server and then the Streams application, each phase bounded by
      # spring.lifecycle.timeout-per-shutdown-phase (30s); Kubernetes must wait for both before it kills the JVM.
      terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
      securityContext:
        {{- toYaml .Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ include "taza-lib.name" . }}
          image: {{ include "taza-lib.image" . | quote }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          ports:
            - name: http
              containerPort: {{ .Values.service.port }}
              protocol: TCP
            - name: management
              containerPort: {{ .Values.service.managementPort }}
              protocol: TCP
          env:
            {{- include "taza-lib.env" . | nindent 12 }}
          {{- include "taza-lib.probes" . | nindent 10 }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          volumeMounts:
            - name: state
              mountPath: {{ .Values.streams.stateDir }}
            - name: tmp
              mountPath: /tmp
            {{- if and (include "taza-lib.tls" .) $kafka.tls.trustStore.secretName }}
            - name: kafka-truststore
              mountPath: /etc/taza/kafka-truststore
              readOnly: true
            {{- end }}
      volumes:
        # Tomcat's work files and RocksDB's native library go to /tmp: the root file system is read-only.
        - name: tmp
          emptyDir:
            sizeLimit: {{ .Values.tmpSizeLimit }}
        {{- if not .Values.streams.persistence.enabled }}
        - name: state
          emptyDir:
            sizeLimit: {{ .Values.streams.persistence.size }}
        {{- end }}
        {{- if and (include "taza-lib.tls" .) $kafka.tls.trustStore.secretName }}
        - name: kafka-truststore
          secret:
            secretName: {{ $kafka.tls.trustStore.secretName }}
            items:
              - key: {{ $kafka.tls.trustStore.key }}
                path: {{ $kafka.tls.trustStore.key }}
        {{- end }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
  {{- if .Values.streams.persistence.enabled }}
  volumeClaimTemplates:
    - metadata:
        name: state
        labels:
          {{- include "taza-lib.selectorLabels" . | nindent 10 }}
      spec:
        accessModes:
          - ReadWriteOnce
        {{- with .Values.streams.persistence.storageClassName }}
        storageClassName: {{ . | quote }}
        {{- end }}
        resources:
          requests:
            storage: {{ .Values.streams.persistence.size }}
  {{- end }}
{{- end -}}

{{/*
Liveness and readiness on the platform's actuator health groups, on the management port (open there without a token;
the kubelet's probes pass any NetworkPolicy); a startup probe shields liveness at boot.
*/}}
{{- define "taza-lib.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  periodSeconds: {{ .Values.probes.startup.periodSeconds }}
  failureThreshold: {{ .Values.probes.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  periodSeconds: {{ .Values.probes.liveness.periodSeconds }}
  timeoutSeconds: {{ .Values.probes.liveness.timeoutSeconds }}
  failureThreshold: {{ .Values.probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: management
  periodSeconds: {{ .Values.probes.readiness.periodSeconds }}
  timeoutSeconds: {{ .Values.probes.readiness.timeoutSeconds }}
  failureThreshold: {{ .Values.probes.readiness.failureThreshold }}
{{- end -}}
