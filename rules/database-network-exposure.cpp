// database-network-exposure: a database reachable from services that do not own it (seed pitfall 5).
#include "dbsilo/rule.h"
#include "dbsilo/text.h"
#include "rules/rules.h"

namespace dbsilo {
namespace {

class DatabaseNetworkExposureRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo rule_info{
        "database-network-exposure",
        "Database reachable by other services",
        "A database container or pod can be reached by services that do not use it, or from outside the deployment.",
        "Fence the database: a network (compose) or NetworkPolicy (Kubernetes) that admits only the owning service, "
        "and no port published on the host.",
        Severity::warning,
        5,
        {"database-per-service", "network", "security"}};
    return rule_info;
  }

  void check(const Model& model, std::vector<Finding>& findings) const override {
    for (const auto& deployment : model.deployments) {
      // Without a known owner there is no telling who should reach it: stay silent.
      if (!deployment.owners.empty() && !deployment.reachable_from.empty()) report_reach(deployment, findings);
      for (const auto& port : deployment.published_ports) report_published_port(deployment, port, findings);
    }
  }

 private:
  void report_reach(const DatastoreDeployment& deployment, std::vector<Finding>& findings) const {
    std::vector<std::string> intruders;
    std::vector<std::string> ways;
    for (const auto& reach : deployment.reachable_from) {
      intruders.push_back(reach.service);
      if (std::find(ways.begin(), ways.end(), reach.via) == ways.end()) ways.push_back(reach.via);
    }
    Finding finding;
    finding.rule = std::string(info().id);
    finding.message = "the " + deployment.engine + " " + (deployment.platform == "compose" ? "container " : "workload ") + deployment.name +
                      " is used only by " + name_list(deployment.owners) + " but " + name_list(intruders) + " can reach it (" +
                      join(ways, "; ") + ")";
    finding.services = deployment.owners;
    finding.services.insert(finding.services.end(), intruders.begin(), intruders.end());
    finding.location = deployment.location;
    for (const auto& reach : deployment.reachable_from) finding.related.push_back({reach.location, reach.service + " can reach " + deployment.name});
    finding.fix = "Fence it: " + deployment.fence_hint + ".";
    finding.profile = deployment.profile;
    finding.fingerprint = fingerprint_of({info().id, deployment.platform, deployment.scope, deployment.name, "reach"});
    findings.push_back(std::move(finding));
  }

  void report_published_port(const DatastoreDeployment& deployment, const PublishedPort& port, std::vector<Finding>& findings) const {
    Finding finding;
    finding.rule = std::string(info().id);
    finding.message = "the " + deployment.engine + (deployment.platform == "compose" ? " container " : " workload ") + deployment.name +
                      (deployment.platform == "compose" ? " is published on " + port.address : " is open to clients outside the cluster: " + port.address) +
                      ": whatever reaches " + (deployment.platform == "compose" ? "the host" : "that address") + " reaches the database" +
                      (deployment.owners.empty() ? std::string() : ", not only " + name_list(deployment.owners));
    finding.services = deployment.owners;
    finding.location = port.location;
    finding.profile = deployment.profile;
    finding.fix = deployment.platform == "compose"
                      ? "Remove the port mapping, or bind it to 127.0.0.1 for local debugging only (\"127.0.0.1:" +
                            port.address.substr(port.address.rfind(':') + 1) + ":...\")."
                      : "Use a ClusterIP Service for the database and reach it from inside the cluster only.";
    finding.fingerprint = fingerprint_of({info().id, deployment.platform, deployment.scope, deployment.name, "port", port.address});
    findings.push_back(std::move(finding));
  }
};

}  // namespace

std::unique_ptr<Rule> make_database_network_exposure_rule() { return std::make_unique<DatabaseNetworkExposureRule>(); }

}  // namespace dbsilo
