// Front end for Kubernetes manifests and kustomization files: yields KubernetesFileFacts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/facts.h"

namespace dbsilo {

// Cheap test on the raw text: some document has `apiVersion:` and `kind:` at column 0.
// Helm templates (files under a chart's templates/) must not be passed here: the caller
// filters them out by path.
bool looks_like_kubernetes(std::string_view yaml_text);

// Every document of a (multi-document) manifest, `kind: List` items included:
// Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod, Service, ConfigMap,
// Secret, NetworkPolicy. Other kinds and non-Kubernetes documents are skipped silently.
// A broken document yields one warning with its line; the other documents are still read.
// Secret values are never read; a literal env value or ConfigMap entry under a
// secret-looking name is replaced by its digest. Never throws.
//
// Choices the facts cannot express, so the reader decides:
// - env entries from fieldRef / resourceFieldRef are skipped (their value is only known at
//   run time; a missing variable leaves placeholders unresolved, which is the truth).
// - ConfigMap values that are whole config files (key ending .yml/.yaml/.properties/.env/.json)
//   are also flattened into extra entries keyed by the file's own keys, with locations inside
//   the manifest (exact for `|` blocks, else the value's position); only unconditional YAML
//   documents are kept (a document activated by a Spring profile has no place in a
//   ConfigEntry). Such a file's own entry, and any multi-line value, keeps its key with an
//   empty value: the text may hold passwords under its own keys.
// - label selectors: matchExpressions `In` with one value counts as a label; any other
//   expression is dropped with a warning, so the selector is no narrower than its
//   matchLabels (a policy may select more pods, a peer may admit more pods, than written).
KubernetesFileFacts read_kubernetes_manifests(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

// kustomization.yaml, kustomization.yml, Kustomization: the names kustomize itself accepts.
bool is_kustomization_name(std::string_view file_name);

// resources, bases and components (as resources), patchesStrategicMerge and patches[].path,
// namespace, namePrefix, nameSuffix. Paths are resolved against the file's directory and
// made relative to the scanned root; remote URLs and paths leaving the root are dropped with
// a warning. Inline patches are skipped. Never throws.
KustomizationFacts read_kustomization(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

}  // namespace dbsilo
