{{- define "steward.name" -}}{{ .Release.Name }}-gomod-steward{{- end -}}

{{- define "steward.labels" -}}
app.kubernetes.io/name: gomod-steward
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{- define "steward.redisUrl" -}}
{{- if .Values.redis.url -}}{{ .Values.redis.url }}
{{- else if .Values.redis.clusterNodes -}}redis://{{ splitList "," .Values.redis.clusterNodes | first }}
{{- else -}}redis://{{ include "steward.name" . }}-redis:6379{{- end -}}
{{- end -}}

{{/* The environment both roles share; secrets come from Secrets, never from values. */}}
{{- define "steward.env" -}}
- name: APP_ID
  value: {{ .Values.app.id | quote }}
- name: PRIVATE_KEY_PATH
  value: /run/secrets/gomod-steward/private-key.pem
- name: WEBHOOK_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ .Values.app.existingSecret }}
      key: webhook-secret
- name: WEBHOOK_PATH
  value: {{ .Values.app.webhookPath | quote }}
{{- if .Values.app.githubApiUrl }}
- name: GITHUB_API_URL
  value: {{ .Values.app.githubApiUrl | quote }}
{{- end }}
{{- if .Values.app.slug }}
- name: APP_SLUG
  value: {{ .Values.app.slug | quote }}
{{- end }}
- name: REDIS_URL
{{- if .Values.redis.urlSecret.name }}
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.urlSecret.name }}
      key: {{ .Values.redis.urlSecret.key }}
{{- else }}
  value: {{ include "steward.redisUrl" . | quote }}
{{- end }}
{{- if .Values.redis.clusterNodes }}
- name: REDIS_CLUSTER_NODES
  value: {{ .Values.redis.clusterNodes | quote }}
{{- end }}
- name: HOST
  value: 0.0.0.0
- name: PORT
  value: "3000"
{{- range $name, $value := .Values.env }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}

{{- define "steward.probes" -}}
livenessProbe:
  httpGet: { path: /healthz, port: http }
  periodSeconds: 15
readinessProbe:
  httpGet: { path: /readyz, port: http }
  periodSeconds: 10
{{- end -}}
