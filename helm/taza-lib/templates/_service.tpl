{{/*
The Service for REST clients (the one an ingress reaches) and the headless Service that names every pod (Streams
application.server: instances forward reads to each other pod to pod): both have the API port only. Management
(probes, metrics) is on a port of its own that neither names; with a ServiceMonitor, a headless Service of its own
names it for Prometheus.
*/}}
{{- define "taza-lib.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "taza-lib.fullname" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
spec:
  type: {{ .Values.service.type }}
  ports:
    - name: http
      port: {{ .Values.service.port }}
      targetPort: http
      protocol: TCP
  selector:
    {{- include "taza-lib.selectorLabels" . | nindent 4 }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "taza-lib.headlessName" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
spec:
  clusterIP: None
  # Instances forward interactive queries to the key's owner even while it is restoring (not yet ready).
  publishNotReadyAddresses: true
  ports:
    - name: http
      port: {{ .Values.service.port }}
      targetPort: http
      protocol: TCP
  selector:
    {{- include "taza-lib.selectorLabels" . | nindent 4 }}
{{- if .Values.serviceMonitor.enabled }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "taza-lib.managementName" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
    {{- include "taza-lib.managementLabel" . | nindent 4 }}
spec:
  clusterIP: None
  ports:
    - name: management
      port: {{ .Values.service.managementPort }}
      targetPort: management
      protocol: TCP
  selector:
    {{- include "taza-lib.selectorLabels" . | nindent 4 }}
{{- end }}
{{- end -}}

{{/* The label that tells the management Service from the other two, for the ServiceMonitor's selector. */}}
{{- define "taza-lib.managementLabel" -}}
taza.kz/ports: management
{{- end -}}

{{- define "taza-lib.serviceAccount" -}}
{{- if .Values.serviceAccount.create -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "taza-lib.serviceAccountName" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
  {{- with .Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: false
{{- end -}}
{{- end -}}

{{/* At most one instance down in a voluntary disruption: its tasks move to a standby, the rest keep running. */}}
{{- define "taza-lib.pdb" -}}
{{- if .Values.pdb.enabled -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "taza-lib.fullname" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .Values.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "taza-lib.selectorLabels" . | nindent 6 }}
{{- end -}}
{{- end -}}

{{- define "taza-lib.serviceMonitor" -}}
{{- if .Values.serviceMonitor.enabled -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "taza-lib.fullname" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
    {{- with .Values.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  # The management Service only: the other two have the API port, where /actuator is not served.
  selector:
    matchLabels:
      {{- include "taza-lib.selectorLabels" . | nindent 6 }}
      {{- include "taza-lib.managementLabel" . | nindent 6 }}
  endpoints:
    - port: management
      path: /actuator/prometheus
      interval: {{ .Values.serviceMonitor.interval }}
      scrapeTimeout: {{ .Values.serviceMonitor.scrapeTimeout }}
{{- end -}}
{{- end -}}

{{/*
NetworkPolicy. In: the API port from the allowed peers and from the service's own pods (instances forward reads pod to
pod), the management port from the monitoring peers only (the kubelet's probes come from the node, which a
NetworkPolicy always lets through). Out: the service's own pods on the API port, DNS, the Kafka brokers and the
identity provider (its keys, its token endpoint); nothing else.
*/}}
{{- define "taza-lib.networkPolicy" -}}
{{- if .Values.networkPolicy.enabled -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "taza-lib.fullname" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "taza-lib.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              {{- include "taza-lib.selectorLabels" . | nindent 14 }}
        {{- with .Values.networkPolicy.ingressFrom }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      ports:
        - port: http
          protocol: TCP
    {{- with .Values.networkPolicy.managementFrom }}
    - from:
        {{- toYaml . | nindent 8 }}
      ports:
        - port: management
          protocol: TCP
    {{- end }}
  egress:
    - to:
        - podSelector:
            matchLabels:
              {{- include "taza-lib.selectorLabels" . | nindent 14 }}
      ports:
        - port: {{ .Values.service.port }}
          protocol: TCP
    - ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
    - {{- with .Values.networkPolicy.kafkaTo }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      ports:
        {{- range .Values.networkPolicy.kafkaPorts }}
        - port: {{ . }}
          protocol: TCP
        {{- end }}
    - {{- with .Values.networkPolicy.issuerTo }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      ports:
        {{- range include "taza-lib.issuerPorts" . | fromJsonArray }}
        - port: {{ int . }}
          protocol: TCP
        {{- end }}
{{- end -}}
{{- end -}}
