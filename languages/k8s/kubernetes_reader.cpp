// Reads Kubernetes manifests and kustomization files (yaml-cpp) into KubernetesFileFacts.
#include "languages/k8s/kubernetes_reader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dbsilo/text.h"
#include "languages/config/config_parsers.h"
#include "languages/config/config_support.h"
#include "languages/datastore/connection_string.h"

namespace dbsilo {
namespace {

// ---- framework knowledge ------------------------------------------------------------------

// Where a workload kind keeps its pod template (sorted by kind).
enum class PodTemplatePath { job_template, own_spec, spec_template };

struct WorkloadKind {
  std::string_view kind;
  PodTemplatePath pod_template;
};

constexpr std::array workload_kinds = {
    WorkloadKind{"CronJob", PodTemplatePath::job_template},      // spec.jobTemplate.spec.template
    WorkloadKind{"DaemonSet", PodTemplatePath::spec_template},   // spec.template
    WorkloadKind{"Deployment", PodTemplatePath::spec_template},
    WorkloadKind{"Job", PodTemplatePath::spec_template},
    WorkloadKind{"Pod", PodTemplatePath::own_spec},              // the object is the pod
    WorkloadKind{"ReplicaSet", PodTemplatePath::spec_template},
    WorkloadKind{"ReplicationController", PodTemplatePath::spec_template},
    WorkloadKind{"StatefulSet", PodTemplatePath::spec_template},
};

// Container lists of a pod spec; init containers reach databases too (migrations).
constexpr std::array container_list_keys = {std::string_view("containers"), std::string_view("initContainers")};

// env valueFrom references that name a ConfigMap or Secret key, and envFrom sources (sorted).
struct ReferenceKind {
  std::string_view yaml_key;
  std::string_view object_kind;
};
constexpr std::array value_from_references = {
    ReferenceKind{"configMapKeyRef", "ConfigMap"},
    ReferenceKind{"secretKeyRef", "Secret"},
};
constexpr std::array env_from_sources = {
    ReferenceKind{"configMapRef", "ConfigMap"},
    ReferenceKind{"secretRef", "Secret"},
};

// ConfigMap keys holding a whole configuration file, and the parser that flattens it.
using ConfigFileParser = ConfigFileFacts (*)(std::string_view, const std::string&, std::vector<Warning>&);
struct EmbeddedConfigFormat {
  std::string_view key_suffix;
  ConfigFileParser parse;
};
const std::array embedded_config_formats = {
    EmbeddedConfigFormat{".env", &parse_dotenv},
    EmbeddedConfigFormat{".json", &parse_json_config},
    EmbeddedConfigFormat{".properties", &parse_properties},
    EmbeddedConfigFormat{".yaml", &parse_yaml_config},
    EmbeddedConfigFormat{".yml", &parse_yaml_config},
};

// The file names kustomize looks for in a directory.
constexpr std::array kustomization_file_names = {
    std::string_view("Kustomization"), std::string_view("kustomization.yaml"), std::string_view("kustomization.yml"),
};

// Kustomize fields whose entries are files or directories that make up the configuration.
constexpr std::array kustomization_resource_fields = {
    std::string_view("bases"), std::string_view("components"), std::string_view("resources"),
};

// Prefixes and hosts of remote kustomize targets (git repositories, URLs): never read.
constexpr std::array remote_target_prefixes = {
    std::string_view("bitbucket.org/"), std::string_view("git::"), std::string_view("git@"),
    std::string_view("github.com/"),    std::string_view("gitlab.com/"),
};

// ---- YAML helpers -------------------------------------------------------------------------

// One document's text, cut out of the file so a syntax error in it cannot hide the others.
struct YamlSegment {
  std::string text;
  int first_line = 0;  // 0-based line of the file where `text` starts
};

bool is_document_marker(std::string_view line, std::string_view marker) {
  if (line.substr(0, 3) != marker) return false;
  return line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r';
}

// Splits on `---` / `...` lines; the marker line stays in its document, blanked, so every
// line keeps its number relative to `first_line`.
std::vector<YamlSegment> split_documents(std::string_view text) {
  std::vector<YamlSegment> segments;
  YamlSegment current;
  bool has_content = false;
  auto start_segment = [&](int line_index) {
    if (has_content) segments.push_back(std::move(current));
    current = YamlSegment{"", line_index};
    has_content = false;
  };
  int line_index = 0;
  for (const std::string& line : split(text, '\n')) {
    std::string kept = line;
    if (is_document_marker(line, "---")) {
      start_segment(line_index);
      kept = "   " + line.substr(3);
    } else if (is_document_marker(line, "...")) {
      start_segment(line_index);
      kept.clear();
    } else if (!line.empty() && line.front() == '%' && !has_content) {
      kept.clear();  // a directive (%YAML, %TAG) before the document
    }
    const std::string_view content = trim(kept);
    if (!content.empty() && content.front() != '#') has_content = true;
    current.text += kept;
    current.text += '\n';
    ++line_index;
  }
  start_segment(line_index);
  return segments;
}

// yaml-cpp appends input to a few messages ("unknown escape character: x"); a warning never
// quotes a value, so that part is cut.
std::string message_without_input(const std::string& message) {
  const std::size_t quoted_part = message.find(": ");
  return quoted_part == std::string::npos ? message : message.substr(0, quoted_part);
}

YAML::Node undefined_node() { return YAML::Node(YAML::NodeType::Undefined); }

bool is_map(const YAML::Node& node) { return node.IsDefined() && node.IsMap(); }
bool is_sequence(const YAML::Node& node) { return node.IsDefined() && node.IsSequence(); }

// `node[key]` that never throws: undefined when `node` is not a map or lacks the key.
YAML::Node child(const YAML::Node& node, std::string_view key) {
  if (!is_map(node)) return undefined_node();
  for (const auto& item : node) {
    if (item.first.IsScalar() && item.first.Scalar() == key) return item.second;
  }
  return undefined_node();
}

std::string scalar_of(const YAML::Node& node) {
  if (!node.IsDefined() || !node.IsScalar()) return {};
  return node.Scalar();
}

std::optional<int> int_of(const YAML::Node& node) {
  const std::string text(trim(scalar_of(node)));
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<std::string> scalars_of(const YAML::Node& node) {
  std::vector<std::string> values;
  if (node.IsDefined() && node.IsScalar()) values.push_back(node.Scalar());
  if (is_sequence(node)) {
    for (const auto& item : node) {
      if (item.IsScalar()) values.push_back(item.Scalar());
    }
  }
  return values;
}


// ---- one manifest document ------------------------------------------------------------------

// Reads the objects of one document; locations are made absolute with the segment's offset.
class ManifestReader {
 public:
  ManifestReader(const YamlSegment& segment, const std::string& path, KubernetesFileFacts& facts,
                 std::vector<Warning>& warnings)
      : segment_(segment), path_(path), facts_(facts), warnings_(warnings) {}

  void read_object(const YAML::Node& object) {
    if (!is_map(object)) return;
    const std::string kind = scalar_of(child(object, "kind"));
    if (scalar_of(child(object, "apiVersion")).empty() || kind.empty()) return;  // not a Kubernetes object
    if (kind == "List") {
      const YAML::Node items = child(object, "items");
      if (!is_sequence(items)) return;
      for (const auto& item : items) {
        // A List inside a List is not valid Kubernetes; not following it also stops alias cycles.
        if (scalar_of(child(item, "kind")) != "List") read_object(item);
      }
      return;
    }
    const auto workload = std::find_if(workload_kinds.begin(), workload_kinds.end(),
                                       [&](const WorkloadKind& entry) { return entry.kind == kind; });
    if (workload != workload_kinds.end()) {
      read_workload(object, *workload);
    } else if (kind == "Service") {
      read_service(object);
    } else if (kind == "ConfigMap") {
      read_config_map(object);
    } else if (kind == "Secret") {
      read_secret(object);
    } else if (kind == "NetworkPolicy") {
      read_network_policy(object);
    }
  }

 private:
  SourceLocation location_of(const YAML::Node& node) const {
    if (!node.IsDefined() || node.Mark().is_null()) return {path_, segment_.first_line + 1, 0};
    const YAML::Mark mark = node.Mark();
    return {path_, segment_.first_line + mark.line + 1, mark.column + 1};
  }

  // metadata.name's location; the object's first line when the name is missing (generateName).
  SourceLocation name_location(const YAML::Node& object) const {
    const YAML::Node metadata = child(object, "metadata");
    const YAML::Node name = child(metadata, "name");
    return location_of(name.IsDefined() ? name : object);
  }

  static std::string metadata_field(const YAML::Node& object, std::string_view field) {
    return scalar_of(child(child(object, "metadata"), field));
  }

  // matchLabels plus matchExpressions that pin one value (`In` with a single value).
  LabelSet read_label_selector(const YAML::Node& selector, std::string_view owner) {
    LabelSet labels;
    const YAML::Node match_labels = child(selector, "matchLabels");
    if (is_map(match_labels)) {
      for (const auto& item : match_labels) labels[item.first.Scalar()] = scalar_of(item.second);
    }
    const YAML::Node expressions = child(selector, "matchExpressions");
    if (!is_sequence(expressions)) return labels;
    for (const auto& expression : expressions) {
      const std::string key = scalar_of(child(expression, "key"));
      const std::string operation = scalar_of(child(expression, "operator"));
      const std::vector<std::string> values = scalars_of(child(expression, "values"));
      if (operation == "In" && values.size() == 1) {
        labels[key] = values.front();
        continue;
      }
      const std::string what = "label selector of " + std::string(owner) + ": expression on '" + key + "' (" + operation + ")";
      warnings_.push_back({location_of(expression), what + " is not understood; the selector is read without it"});
    }
    return labels;
  }

  KubernetesEnvVar read_env_var(const YAML::Node& item) {
    KubernetesEnvVar variable;
    const YAML::Node name = child(item, "name");
    variable.name = scalar_of(name);
    variable.location = location_of(name.IsDefined() ? name : item);
    const YAML::Node value_from = child(item, "valueFrom");
    for (const ReferenceKind& reference : value_from_references) {
      const YAML::Node ref = child(value_from, reference.yaml_key);
      if (!is_map(ref)) continue;
      variable.from_kind = reference.object_kind;
      variable.from_name = scalar_of(child(ref, "name"));
      variable.from_key = scalar_of(child(ref, "key"));
    }
    if (value_from.IsDefined()) return variable;
    const std::string value = scalar_of(child(item, "value"));
    if (is_secret_key(variable.name)) {
      variable.secret = true;
      variable.secret_digest = secret_digest(value);
    } else {
      variable.value = value;
    }
    return variable;
  }

  KubernetesContainer read_container(const YAML::Node& node) {
    KubernetesContainer container;
    container.name = scalar_of(child(node, "name"));
    container.image = scalar_of(child(node, "image"));
    const YAML::Node env = child(node, "env");
    if (is_sequence(env)) {
      for (const auto& item : env) {
        if (!is_map(item)) continue;
        const YAML::Node value_from = child(item, "valueFrom");
        // fieldRef / resourceFieldRef: known only at run time, so not a fact (see the header).
        const auto names_an_object = [&](const ReferenceKind& ref) { return is_map(child(value_from, ref.yaml_key)); };
        if (value_from.IsDefined() && std::none_of(value_from_references.begin(), value_from_references.end(), names_an_object)) {
          continue;
        }
        container.env.push_back(read_env_var(item));
      }
    }
    const YAML::Node env_from = child(node, "envFrom");
    if (is_sequence(env_from)) {
      for (const auto& item : env_from) {
        for (const ReferenceKind& source : env_from_sources) {
          const YAML::Node ref = child(item, source.yaml_key);
          if (is_map(ref)) container.env_from.emplace_back(source.object_kind, scalar_of(child(ref, "name")));
        }
      }
    }
    const YAML::Node ports = child(node, "ports");
    if (is_sequence(ports)) {
      for (const auto& item : ports) {
        if (const auto port = int_of(child(item, "containerPort"))) container.ports.push_back(*port);
        if (const auto host_port = int_of(child(item, "hostPort"))) container.host_ports.emplace_back(*host_port, location_of(child(item, "hostPort")));
      }
    }
    for (const std::string_view key : {std::string_view("command"), std::string_view("args")}) {
      for (std::string& argument : scalars_of(child(node, key))) container.args.push_back(std::move(argument));
    }
    return container;
  }

  void read_workload(const YAML::Node& object, const WorkloadKind& kind) {
    KubernetesWorkload workload;
    workload.kind = std::string(kind.kind);
    workload.name = metadata_field(object, "name");
    workload.name_space = metadata_field(object, "namespace");
    workload.location = name_location(object);
    YAML::Node pod = object;  // a Pod is its own template
    if (kind.pod_template == PodTemplatePath::spec_template) pod = child(child(object, "spec"), "template");
    if (kind.pod_template == PodTemplatePath::job_template) {
      pod = child(child(child(child(object, "spec"), "jobTemplate"), "spec"), "template");
    }
    const YAML::Node labels = child(child(pod, "metadata"), "labels");
    if (is_map(labels)) {
      for (const auto& item : labels) workload.labels[item.first.Scalar()] = scalar_of(item.second);
    }
    const YAML::Node pod_spec = child(pod, "spec");
    if (const YAML::Node host_network = child(pod_spec, "hostNetwork"); host_network.IsDefined() && scalar_of(host_network) == "true") {
      workload.host_network = true;
      workload.host_network_location = location_of(host_network);
    }
    for (const std::string_view list_key : container_list_keys) {
      const YAML::Node containers = child(pod_spec, list_key);
      if (!is_sequence(containers)) continue;
      for (const auto& container : containers) {
        if (is_map(container)) workload.containers.push_back(read_container(container));
      }
    }
    facts_.workloads.push_back(std::move(workload));
  }

  void read_service(const YAML::Node& object) {
    KubernetesService service;
    service.name = metadata_field(object, "name");
    service.name_space = metadata_field(object, "namespace");
    service.location = name_location(object);
    const YAML::Node spec = child(object, "spec");
    service.type = scalar_of(child(spec, "type"));
    if (service.type.empty()) service.type = "ClusterIP";  // the API's default
    service.external_name = scalar_of(child(spec, "externalName"));
    const YAML::Node selector = child(spec, "selector");
    if (is_map(selector)) {
      for (const auto& item : selector) service.selector[item.first.Scalar()] = scalar_of(item.second);
    }
    const YAML::Node ports = child(spec, "ports");
    if (is_sequence(ports)) {
      for (const auto& item : ports) {
        const auto port = int_of(child(item, "port"));
        if (!port) continue;
        // targetPort defaults to port; a named targetPort is resolved by the pod, unknown here.
        const YAML::Node target = child(item, "targetPort");
        const int target_port = target.IsDefined() ? int_of(target).value_or(0) : *port;
        service.ports.emplace_back(*port, target_port);
      }
    }
    facts_.services.push_back(std::move(service));
  }

  // Maps a line of a ConfigMap value's own text to the manifest: a literal block (`|`) starts
  // on the line after its indicator and keeps its lines; any other scalar style cannot be
  // mapped line by line, so everything points at the value.
  struct EmbeddedTextOrigin {
    int line_offset = 0;    // added to the embedded text's 1-based line
    int column_offset = 0;  // added to its column (0 = whole-line locations stay 0)
    bool pinned = false;    // true: every location is the value's own
    SourceLocation value_location;
  };

  EmbeddedTextOrigin embedded_origin(const YAML::Node& value) const {
    EmbeddedTextOrigin origin;
    origin.value_location = location_of(value);
    const YAML::Mark mark = value.Mark();
    const std::string& text = segment_.text;
    const auto position = static_cast<std::size_t>(std::max(mark.pos, 0));
    if (mark.is_null() || mark.pos < 0 || position >= text.size() || text[position] != '|') {
      origin.pinned = true;
      return origin;
    }
    origin.line_offset = origin.value_location.line;
    // The block's indentation: leading blanks of its first non-empty line.
    std::size_t line_start = text.find('\n', position);
    while (line_start != std::string::npos && line_start + 1 < text.size()) {
      ++line_start;
      const std::size_t line_end = std::min(text.find('\n', line_start), text.size());
      const std::string_view line(text.data() + line_start, line_end - line_start);
      if (!trim(line).empty()) {
        origin.column_offset = static_cast<int>(line.find_first_not_of(' '));
        break;
      }
      line_start = line_end;
    }
    return origin;
  }

  static SourceLocation mapped(const EmbeddedTextOrigin& origin, const SourceLocation& inner) {
    if (origin.pinned) return origin.value_location;
    SourceLocation location = inner;
    location.line = inner.line + origin.line_offset;
    if (inner.column > 0) location.column = inner.column + origin.column_offset;
    return location;
  }

  static const EmbeddedConfigFormat* embedded_format(const std::string& data_key) {
    const std::string lowered_key = to_lower(data_key);
    const auto format = std::find_if(embedded_config_formats.begin(), embedded_config_formats.end(),
                                     [&](const EmbeddedConfigFormat& entry) { return lowered_key.ends_with(entry.key_suffix); });
    return format == embedded_config_formats.end() ? nullptr : &*format;
  }

  void flatten_embedded_file(const std::string& data_key, const YAML::Node& value, const EmbeddedConfigFormat* format,
                             KubernetesConfigMap& config_map) {
    const EmbeddedTextOrigin origin = embedded_origin(value);
    std::vector<Warning> inner_warnings;
    const ConfigFileFacts embedded = format->parse(value.Scalar(), path_, inner_warnings);
    for (const Warning& warning : inner_warnings) {
      warnings_.push_back(
          {mapped(origin, warning.location), "ConfigMap '" + config_map.name + "' key '" + data_key + "': " + warning.message});
    }
    for (const ConfigDocument& document : embedded.documents) {
      if (!document.activation.empty()) continue;  // profile-specific: see the header
      for (ConfigEntry entry : document.entries) {  // already redacted by the parser
        entry.location = mapped(origin, entry.location);
        config_map.data.push_back(std::move(entry));
      }
    }
  }

  void read_config_map(const YAML::Node& object) {
    KubernetesConfigMap config_map;
    config_map.name = metadata_field(object, "name");
    config_map.name_space = metadata_field(object, "namespace");
    config_map.location = name_location(object);
    const YAML::Node data = child(object, "data");  // binaryData holds bytes, never configuration
    if (is_map(data)) {
      for (const auto& item : data) {
        if (!item.first.IsScalar()) continue;
        ConfigEntry entry;
        entry.key = item.first.Scalar();
        entry.location = location_of(item.first);
        const std::string value = scalar_of(item.second);
        const EmbeddedConfigFormat* format = embedded_format(entry.key);
        if (is_secret_key(entry.key)) {
          entry.secret = true;
          entry.secret_digest = secret_digest(value);
        } else if (format == nullptr && value.find('\n') == std::string::npos) {
          entry.value = value;
        }
        // else: a whole file (known format or several lines). Its text may hold passwords
        // under its own keys, so the entry keeps only its key; known formats are flattened
        // below into entries that are redacted key by key.
        config_map.data.push_back(std::move(entry));
        if (format != nullptr && item.second.IsScalar()) {
          flatten_embedded_file(item.first.Scalar(), item.second, format, config_map);
        }
      }
    }
    facts_.config_maps.push_back(std::move(config_map));
  }

  // Key names only: the values are never looked at.
  void read_secret(const YAML::Node& object) {
    KubernetesSecret secret;
    secret.name = metadata_field(object, "name");
    secret.name_space = metadata_field(object, "namespace");
    secret.location = name_location(object);
    for (const std::string_view field : {std::string_view("data"), std::string_view("stringData")}) {
      const YAML::Node values = child(object, field);
      if (!is_map(values)) continue;
      for (const auto& item : values) {
        if (!item.first.IsScalar()) continue;
        const std::string& key = item.first.Scalar();
        if (std::find(secret.keys.begin(), secret.keys.end(), key) == secret.keys.end()) secret.keys.push_back(key);
      }
    }
    facts_.secrets.push_back(std::move(secret));
  }

  NetworkPolicyPeer read_peer(const YAML::Node& node, const std::string& policy_name) {
    NetworkPolicyPeer peer;
    const std::string owner = "NetworkPolicy '" + policy_name + "'";
    const YAML::Node pod_selector = child(node, "podSelector");
    if (is_map(pod_selector) || (pod_selector.IsDefined() && pod_selector.IsNull())) {
      peer.has_pod_selector = true;
      peer.pod_selector = read_label_selector(pod_selector, owner);
    }
    const YAML::Node namespace_selector = child(node, "namespaceSelector");
    if (is_map(namespace_selector) || (namespace_selector.IsDefined() && namespace_selector.IsNull())) {
      peer.has_namespace_selector = true;
      peer.namespace_selector = read_label_selector(namespace_selector, owner);
    }
    peer.ip_block = scalar_of(child(child(node, "ipBlock"), "cidr"));
    return peer;
  }

  void read_network_policy(const YAML::Node& object) {
    KubernetesNetworkPolicy policy;
    policy.name = metadata_field(object, "name");
    policy.name_space = metadata_field(object, "namespace");
    policy.location = name_location(object);
    const YAML::Node spec = child(object, "spec");
    policy.pod_selector = read_label_selector(child(spec, "podSelector"), "NetworkPolicy '" + policy.name + "'");
    // The API: without policyTypes every policy affects Ingress (Egress only when it has an
    // egress section); with policyTypes, exactly the listed types.
    const YAML::Node policy_types = child(spec, "policyTypes");
    if (policy_types.IsDefined() && !policy_types.IsNull()) {
      const std::vector<std::string> types = scalars_of(policy_types);
      policy.restricts_ingress = std::find(types.begin(), types.end(), "Ingress") != types.end();
    } else {
      policy.restricts_ingress = true;
    }
    const YAML::Node ingress = child(spec, "ingress");
    if (policy.restricts_ingress && is_sequence(ingress)) {
      for (const auto& item : ingress) {
        NetworkPolicyIngressRule rule;
        const YAML::Node from = child(item, "from");
        if (is_sequence(from)) {
          for (const auto& peer : from) {
            if (is_map(peer)) rule.from.push_back(read_peer(peer, policy.name));
          }
        }
        const YAML::Node ports = child(item, "ports");
        if (is_sequence(ports)) {
          bool every_port = false;
          for (const auto& port : ports) {
            // A named port (or none: every port of the protocol) cannot be matched to a number
            // here: the rule is read as admitting every port rather than fewer than it does.
            const auto number = int_of(child(port, "port"));
            if (number) rule.ports.push_back(*number);
            every_port = every_port || !number;
          }
          if (every_port) rule.ports.clear();
        }
        policy.ingress.push_back(std::move(rule));
      }
    }
    facts_.network_policies.push_back(std::move(policy));
  }

  const YamlSegment& segment_;
  const std::string& path_;
  KubernetesFileFacts& facts_;
  std::vector<Warning>& warnings_;
};

// ---- kustomization paths --------------------------------------------------------------------

bool is_remote_target(std::string_view target) {
  if (target.find("://") != std::string_view::npos || target.find("?ref=") != std::string_view::npos) return true;
  return std::any_of(remote_target_prefixes.begin(), remote_target_prefixes.end(),
                     [&](std::string_view prefix) { return starts_with_icase(target, prefix); });
}

// `relative` joined onto `base_dir` and normalised; nullopt when it leaves the root.
std::optional<std::string> join_inside_root(std::string_view base_dir, std::string_view relative) {
  if (!relative.empty() && relative.front() == '/') return std::nullopt;  // an absolute host path
  std::vector<std::string> parts;
  for (const std::string& segment : split(base_dir, '/')) {
    if (!segment.empty() && segment != ".") parts.push_back(segment);
  }
  for (const std::string& segment : split(relative, '/')) {
    if (segment.empty() || segment == ".") continue;
    if (segment != "..") {
      parts.push_back(segment);
    } else if (parts.empty()) {
      return std::nullopt;
    } else {
      parts.pop_back();
    }
  }
  return join(parts, "/");
}

class KustomizationReader {
 public:
  KustomizationReader(const std::string& path, std::vector<Warning>& warnings)
      : path_(path), directory_(directory_of(path)), warnings_(warnings) {}

  void read(const YAML::Node& root, KustomizationFacts& facts) {
    facts.location = {path_, 1, 0};
    if (!is_map(root)) return;
    facts.name_space = scalar_of(child(root, "namespace"));
    facts.name_prefix = scalar_of(child(root, "namePrefix"));
    facts.name_suffix = scalar_of(child(root, "nameSuffix"));
    for (const std::string_view field : kustomization_resource_fields) {
      const YAML::Node entries = child(root, field);
      if (!is_sequence(entries)) continue;
      for (const auto& entry : entries) add_path(entry, field, facts.resources);
    }
    const YAML::Node strategic_merge = child(root, "patchesStrategicMerge");
    if (is_sequence(strategic_merge)) {
      for (const auto& entry : strategic_merge) {
        // A multi-line entry is an inline patch, not a file.
        if (scalar_of(entry).find('\n') == std::string::npos) add_path(entry, "patchesStrategicMerge", facts.patches);
      }
    }
    for (const std::string_view field : {std::string_view("patches"), std::string_view("patchesJson6902")}) {
      const YAML::Node patches = child(root, field);
      if (!is_sequence(patches)) continue;
      for (const auto& patch : patches) {
        const YAML::Node patch_path = patch.IsScalar() ? YAML::Node(patch) : child(patch, "path");  // `patch:` = inline
        if (patch_path.IsDefined()) add_path(patch_path, field, facts.patches);
      }
    }
  }

 private:
  void add_path(const YAML::Node& node, std::string_view field, std::vector<std::string>& out) {
    const std::string target(trim(scalar_of(node)));
    if (target.empty()) return;
    const SourceLocation location = location_of(node);
    if (is_remote_target(target)) {
      warnings_.push_back({location, "remote kustomize target in '" + std::string(field) + "' is not read"});
      return;
    }
    const auto joined = join_inside_root(directory_, target);
    if (!joined) {
      warnings_.push_back({location, "'" + std::string(field) + "' entry leaves the scanned root; not read"});
      return;
    }
    if (std::find(out.begin(), out.end(), *joined) == out.end()) out.push_back(*joined);
  }

  SourceLocation location_of(const YAML::Node& node) const {
    if (!node.IsDefined() || node.Mark().is_null()) return {path_, 1, 0};
    return {path_, node.Mark().line + 1, node.Mark().column + 1};
  }

  const std::string& path_;
  std::string directory_;
  std::vector<Warning>& warnings_;
};

}  // namespace

bool looks_like_kubernetes(std::string_view yaml_text) {
  bool has_api_version = false;
  bool has_kind = false;
  std::size_t start = 0;
  const std::string_view text = config_support::without_byte_order_mark(yaml_text);
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    if (is_document_marker(line, "---")) {
      has_api_version = has_kind = false;
    } else if (line.starts_with("apiVersion:")) {
      has_api_version = true;
    } else if (line.starts_with("kind:")) {
      has_kind = true;
    }
    if (has_api_version && has_kind) return true;
    start = end + 1;
  }
  return false;
}

KubernetesFileFacts read_kubernetes_manifests(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  KubernetesFileFacts facts;
  for (const YamlSegment& segment : split_documents(config_support::without_byte_order_mark(text))) {
    try {
      // One document per segment, so YAML::Load suffices; YAML::LoadAll can loop forever on
      // some malformed flow input (yaml-cpp 0.7).
      const YAML::Node root = YAML::Load(segment.text);
      ManifestReader(segment, path, facts, warnings).read_object(root);
    } catch (const YAML::Exception& error) {
      const int line = segment.first_line + (error.mark.is_null() ? 0 : error.mark.line) + 1;
      const int column = error.mark.is_null() ? 0 : error.mark.column + 1;
      warnings.push_back({{path, line, column}, "invalid Kubernetes manifest YAML: " + message_without_input(error.msg)});
    } catch (...) {  // binary input can surface other exceptions: never let them escape
      warnings.push_back({{path, segment.first_line + 1, 0}, "invalid Kubernetes manifest: the document could not be read"});
    }
  }
  return facts;
}

bool is_kustomization_name(std::string_view file_name) {
  const auto slash = file_name.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? file_name : file_name.substr(slash + 1);
  return std::find(kustomization_file_names.begin(), kustomization_file_names.end(), name) != kustomization_file_names.end();
}

KustomizationFacts read_kustomization(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  KustomizationFacts facts;
  facts.location = {path, 1, 0};
  try {
    const YAML::Node root = YAML::Load(std::string(config_support::without_byte_order_mark(text)));
    KustomizationReader(path, warnings).read(root, facts);
    if (root.IsMap() && root["kind"] && root["kind"].IsScalar()) facts.component = root["kind"].Scalar() == "Component";
  } catch (const YAML::Exception& error) {
    const int line = error.mark.is_null() ? 0 : error.mark.line + 1;
    const int column = error.mark.is_null() ? 0 : error.mark.column + 1;
    warnings.push_back({{path, line, column}, "invalid kustomization YAML: " + message_without_input(error.msg)});
  } catch (...) {
    warnings.push_back({{path, 0, 0}, "invalid kustomization: the file could not be read"});
  }
  return facts;
}

}  // namespace dbsilo
