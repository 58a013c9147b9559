// Fuzz target: Kubernetes manifests (workloads, Services, ConfigMaps, Secrets, NetworkPolicies,
// `kind: List`) and kustomization files.
#include <vector>

#include "fuzz/fuzz_support.h"
#include "languages/k8s/kubernetes_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [selector, text] = dbsilo::fuzz::split_selector(dbsilo::fuzz::as_text(data, size));
  std::vector<dbsilo::Warning> warnings;
  if (selector % 4 == 3) {
    (void)dbsilo::read_kustomization(text, "k8s/overlays/prod/kustomization.yaml", warnings);
  } else {
    (void)dbsilo::looks_like_kubernetes(text);
    (void)dbsilo::read_kubernetes_manifests(text, "k8s/base/orders.yaml", warnings);
  }
  return 0;
}
