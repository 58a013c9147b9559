// HTML printer for the service map: one self-contained page (inlined cytoscape.js, graph JSON, viewer script).
#include <nlohmann/json.hpp>

#include <map>
#include <ostream>
#include <set>

#include "scanner/report/graph.h"

namespace dbsilo {
namespace {

using ordered_json = nlohmann::ordered_json;

std::string html_escaped(std::string_view text) {
  std::string result;
  for (const char c : text) {
    switch (c) {
      case '&': result += "&amp;"; break;
      case '<': result += "&lt;"; break;
      case '>': result += "&gt;"; break;
      case '"': result += "&quot;"; break;
      case '\'': result += "&#39;"; break;
      default: result += c;
    }
  }
  return result;
}

std::string counted(std::size_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

std::string location_text(const SourceLocation& location) {
  std::string text = location.path.empty() ? "." : location.path;
  if (location.line > 0) text += ":" + std::to_string(location.line);
  if (location.line > 0 && location.column > 0) text += ":" + std::to_string(location.column);
  return text;
}

// JSON that can stand inside <script>: '<', '>' and '&' only occur inside JSON strings, where
// their \u escapes mean the same, and without them no "</script>" or "<!--" can end the element early.
std::string script_safe_json(const ordered_json& document) {
  const std::string dumped = document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string result;
  for (const char c : dumped) {
    if (c == '<') {
      result += "\\u003c";
    } else if (c == '>') {
      result += "\\u003e";
    } else if (c == '&') {
      result += "\\u0026";
    } else {
      result += c;
    }
  }
  return result;
}

ordered_json index_array(const std::vector<std::size_t>& indices) {
  ordered_json array = ordered_json::array();
  for (const std::size_t index : indices) array.push_back(index);
  return array;
}

// The rules that have findings, in id order, with the name and doc link the options know.
struct RuleRow {
  std::string id;
  std::string name;
  std::string help_uri;
  std::size_t findings = 0;
};

std::vector<RuleRow> rules_with_findings(const Graph& graph, const HtmlPageOptions& options) {
  std::map<std::string, RuleRow> rows;
  for (const auto& finding : graph.findings) {
    RuleRow& row = rows[finding.rule];
    row.id = finding.rule;
    ++row.findings;
  }
  for (const auto& description : options.rules) {
    if (auto row = rows.find(description.id); row != rows.end()) {
      row->second.name = description.name;
      row->second.help_uri = description.help_uri;
    }
  }
  std::vector<RuleRow> result;
  for (auto& [id, row] : rows) result.push_back(std::move(row));
  return result;
}

ordered_json graph_json(const Graph& graph, const std::vector<RuleRow>& rules) {
  ordered_json document;
  ordered_json groups = ordered_json::array();
  for (const auto& group : graph.groups) groups.push_back(ordered_json{{"id", group.id}, {"label", group.label}});
  ordered_json nodes = ordered_json::array();
  for (const auto& node : graph.nodes) {
    nodes.push_back(ordered_json{{"id", node.id},
                                 {"kind", graph_node_kind_name(node.kind)},
                                 {"label", node.label},
                                 {"detail", node.detail},
                                 {"group", node.group},
                                 {"findings", index_array(node.findings)}});
  }
  ordered_json edges = ordered_json::array();
  for (const auto& edge : graph.edges) {
    edges.push_back(ordered_json{{"id", edge.id},
                                 {"from", edge.from},
                                 {"to", edge.to},
                                 {"kind", graph_edge_kind_name(edge.kind)},
                                 {"label", edge.label},
                                 {"findings", index_array(edge.findings)}});
  }
  ordered_json findings = ordered_json::array();
  for (const auto& finding : graph.findings) {
    ordered_json related = ordered_json::array();
    for (const auto& item : finding.related) related.push_back(ordered_json{{"location", location_text(item.location)}, {"message", item.message}});
    findings.push_back(ordered_json{{"rule", finding.rule},
                                    {"severity", severity_name(finding.severity)},
                                    {"message", finding.message},
                                    {"location", location_text(finding.location)},
                                    {"services", finding.services},
                                    {"related", related},
                                    {"profile", finding.profile}});
  }
  ordered_json rule_list = ordered_json::array();
  for (const auto& rule : rules) rule_list.push_back(ordered_json{{"id", rule.id}, {"name", rule.name}, {"help", rule.help_uri}});
  document["groups"] = groups;
  document["nodes"] = nodes;
  document["edges"] = edges;
  document["findings"] = findings;
  document["rules"] = rule_list;
  return document;
}

constexpr std::string_view kStyle = R"css(
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222; }
  header { padding: 10px 16px; border-bottom: 1px solid #ddd; display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
  header h1 { font-size: 18px; margin: 0; }
  header .counts { color: #555; }
  #layout { display: flex; min-height: 70vh; }
  #map-pane { flex: 1; display: flex; flex-direction: column; min-width: 0; }
  #toolbar { padding: 6px 12px; display: flex; gap: 12px; align-items: center; border-bottom: 1px solid #eee; }
  #cy { flex: 1; min-height: 520px; background: #fff; }
  .legend { margin: 0; padding: 6px 12px; color: #555; font-size: 12px; border-top: 1px solid #eee; }
  .legend .red { color: #cc0000; font-weight: bold; }
  .legend .grey { color: #999999; font-weight: bold; }
  aside { width: 380px; border-left: 1px solid #ddd; padding: 12px; overflow-y: auto; max-height: 90vh; }
  fieldset { border: 1px solid #ddd; margin: 0 0 12px; }
  fieldset label { display: block; margin: 2px 0; }
  #details h2 { font-size: 15px; margin: 0 0 4px; }
  #details .detail { color: #555; margin: 0 0 8px; }
  #details ul { padding-left: 18px; }
  #details li { margin-bottom: 8px; }
  .sev-error { color: #cc0000; font-weight: bold; }
  .sev-warning { color: #b36b00; font-weight: bold; }
  .sev-note { color: #2a6fb0; font-weight: bold; }
  .loc { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
  .related { color: #555; font-size: 12px; }
  #findings { padding: 12px 16px; border-top: 1px solid #ddd; }
  #findings h2 { font-size: 16px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }
  th { background: #f6f6f6; }
  tr.filtered-out { display: none; }
)css";

// The viewer: draws the graph with cytoscape, colours edges by the rules checked in the filter,
// lists a node's or edge's findings on click, and writes what it rendered into
// #rendered-summary so a headless browser can check the drawing without pixels.
constexpr std::string_view kViewerScript = R"js(
(function () {
  'use strict';
  var RED = '#cc0000';
  var GREY = '#999999';
  var data = JSON.parse(document.getElementById('graph-data').textContent);
  var nodeById = {};
  data.nodes.forEach(function (node) { nodeById[node.id] = node; });
  var edgeById = {};
  data.edges.forEach(function (edge) { edgeById[edge.id] = edge; });
  var ruleBoxes = Array.prototype.slice.call(document.querySelectorAll('#rule-filter input[name=rule]'));
  var flaggedOnlyBox = document.getElementById('flagged-only');
  var details = document.getElementById('details');
  var selectedId = null;

  function enabledRules() {
    var enabled = {};
    ruleBoxes.forEach(function (box) { if (box.checked) enabled[box.value] = true; });
    return enabled;
  }
  function activeFindings(indices) {
    var enabled = enabledRules();
    return indices.filter(function (index) { return enabled[data.findings[index].rule]; });
  }
  function rulesOf(indices) {
    var seen = {};
    indices.forEach(function (index) { seen[data.findings[index].rule] = true; });
    return Object.keys(seen).sort();
  }

  // Libraries left of the services that depend on them, datastores right of the services using
  // them, scopes stacked top to bottom, shorter columns centred: the same picture on every load.
  var column = { library: 0, service: 1, datastore: 2 };
  var positions = {};
  var nextTop = 0;
  data.groups.map(function (group) { return group.id; }).concat(['']).forEach(function (groupId) {
    var members = data.nodes.filter(function (node) { return node.group === groupId; });
    var counts = [0, 0, 0];
    members.forEach(function (node) { counts[column[node.kind]] += 1; });
    var height = Math.max(counts[0], counts[1], counts[2]);
    var rows = [0, 0, 0];
    members.forEach(function (node) {
      var c = column[node.kind];
      positions[node.id] = { x: c * 320, y: nextTop + ((height - counts[c]) / 2 + rows[c]) * 90 };
      rows[c] += 1;
    });
    if (height > 0) nextTop += height * 90 + 110;
  });

  var elements = [];
  data.groups.forEach(function (group) {
    elements.push({ group: 'nodes', data: { id: 'scope:' + group.id, label: group.label }, classes: 'scope' });
  });
  data.nodes.forEach(function (node) {
    var element = { group: 'nodes', data: { id: node.id, label: node.label }, position: positions[node.id], classes: node.kind };
    if (node.group) element.data.parent = 'scope:' + node.group;
    elements.push(element);
  });
  data.edges.forEach(function (edge) {
    elements.push({ group: 'edges', data: { id: edge.id, source: edge.from, target: edge.to, display: edge.label } });
  });

  var cy = cytoscape({
    container: document.getElementById('cy'),
    elements: elements,
    layout: { name: 'preset', padding: 30 },
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      { selector: 'node', style: {
          'label': 'data(label)', 'text-valign': 'center', 'text-halign': 'center', 'font-size': 11,
          'shape': 'round-rectangle', 'height': 34, 'border-width': 1,
          'width': function (node) { return Math.max(90, String(node.data('label')).length * 7 + 24); },
          'background-color': '#e8f0fe', 'border-color': '#4a6fa5' } },
      { selector: 'node.library', style: { 'shape': 'cut-rectangle', 'background-color': '#f3f3f3', 'border-color': '#777777' } },
      { selector: 'node.datastore', style: { 'shape': 'barrel', 'background-color': '#fff4e0', 'border-color': '#b07a1e' } },
      { selector: 'node.scope', style: {
          'shape': 'round-rectangle', 'background-color': '#fafafa', 'border-style': 'dashed', 'border-color': '#888888',
          'text-valign': 'top', 'text-halign': 'center', 'font-size': 12, 'color': '#555555', 'padding': 24 } },
      { selector: 'node.has-findings', style: { 'border-color': RED, 'border-width': 2 } },
      { selector: 'edge', style: {
          'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'width': 1.5,
          'line-color': GREY, 'target-arrow-color': GREY, 'label': 'data(display)', 'font-size': 9,
          'color': '#666666', 'text-wrap': 'wrap', 'text-rotation': 'autorotate',
          'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 2 } },
      { selector: 'edge.flagged', style: { 'line-color': RED, 'target-arrow-color': RED, 'color': RED, 'width': 3 } },
      { selector: '.filtered-out', style: { 'display': 'none' } },
      { selector: ':selected', style: { 'overlay-color': '#4a6fa5', 'overlay-opacity': 0.15 } }
    ]
  });
  cy.fit(undefined, 30);

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  function showDetails(id) {
    selectedId = id;
    details.textContent = '';
    details.setAttribute('data-selected', id || '');
    if (!id) {
      details.appendChild(element('h2', '', 'Details'));
      details.appendChild(element('p', 'detail', 'Click a service, library, datastore or edge to list its findings.'));
      return;
    }
    var item = nodeById[id] || edgeById[id];
    var title = nodeById[id] ? item.label + ' (' + item.kind + ')'
                             : nodeById[item.from].label + ' ' + item.label + ' \u2192 ' + nodeById[item.to].label;
    details.appendChild(element('h2', '', title));
    if (nodeById[id] && item.detail) details.appendChild(element('p', 'detail', item.detail));
    var shown = activeFindings(item.findings);
    details.appendChild(element('p', 'detail', shown.length === 1 ? '1 finding' : shown.length + ' findings'));
    var list = element('ul');
    shown.forEach(function (index) {
      var finding = data.findings[index];
      var entry = element('li');
      entry.setAttribute('data-rule', finding.rule);
      entry.appendChild(element('span', 'sev-' + finding.severity, finding.severity));
      entry.appendChild(document.createTextNode(' [' + finding.rule + '] '));
      entry.appendChild(element('div', 'loc', finding.location));
      entry.appendChild(element('div', '', finding.message + (finding.profile ? ' (profile ' + finding.profile + ')' : '')));
      finding.related.forEach(function (related) {
        entry.appendChild(element('div', 'related loc', related.location + ': ' + related.message));
      });
      list.appendChild(entry);
    });
    details.appendChild(list);
  }

  function writeSummary() {
    var lines = [];
    cy.nodes().not('.scope').forEach(function (node) {
      lines.push('node ' + node.id() + ' kind=' + nodeById[node.id()].kind + ' findings=' + activeFindings(nodeById[node.id()].findings).length);
    });
    cy.edges().forEach(function (edge) {
      lines.push('edge ' + edge.id() + ' color=' + edge.style('line-color') + ' shown=' + edge.visible() +
                 ' rules=' + rulesOf(activeFindings(edgeById[edge.id()].findings)).join(','));
    });
    document.getElementById('rendered-summary').textContent = lines.join('\n');
    var container = document.getElementById('cy');
    container.setAttribute('data-nodes', String(cy.nodes().not('.scope').length));
    container.setAttribute('data-red-edges', String(cy.edges('.flagged').length));
    container.setAttribute('data-rendered', 'true');
  }

  function refresh() {
    var enabled = enabledRules();
    cy.batch(function () {
      cy.edges().forEach(function (edge) {
        var source = edgeById[edge.id()];
        var active = activeFindings(source.findings);
        var rules = rulesOf(active);
        edge.toggleClass('flagged', active.length > 0);
        edge.toggleClass('filtered-out', flaggedOnlyBox.checked && active.length === 0);
        edge.data('display', source.label + (rules.length ? '\n' + rules.join(', ') : ''));
      });
      cy.nodes().not('.scope').forEach(function (node) {
        node.toggleClass('has-findings', activeFindings(nodeById[node.id()].findings).length > 0);
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll('#findings tr[data-rule]'), function (row) {
      row.classList.toggle('filtered-out', !enabled[row.getAttribute('data-rule')]);
    });
    showDetails(selectedId);
    writeSummary();
  }

  cy.on('tap', 'node, edge', function (event) {
    if (event.target.hasClass('scope')) return;
    showDetails(event.target.id());
  });
  cy.on('tap', function (event) { if (event.target === cy) showDetails(null); });
  ruleBoxes.forEach(function (box) { box.addEventListener('change', refresh); });
  flaggedOnlyBox.addEventListener('change', refresh);
  document.getElementById('fit').addEventListener('click', function () { cy.fit(undefined, 30); });

  // Links into the page: #rules=a,b checks only those rules; #select=ID opens a node or edge as a click would.
  var hash = {};
  window.location.hash.replace(/^#/, '').split('&').forEach(function (part) {
    var cut = part.indexOf('=');
    if (cut > 0) hash[part.slice(0, cut)] = decodeURIComponent(part.slice(cut + 1));
  });
  if (hash.rules !== undefined) {
    var wanted = hash.rules.split(',');
    ruleBoxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
  }
  refresh();
  if (hash.select !== undefined && cy.getElementById(hash.select).nonempty()) {
    cy.getElementById(hash.select).select().emit('tap');
  }
})();
)js";

void print_findings_table(const Graph& graph, const HtmlPageOptions& options, std::ostream& out) {
  out << "<section id=\"findings\">\n<h2>Findings (" << graph.findings.size() << ")</h2>\n";
  if (graph.findings.empty()) {
    out << "<p>No findings.</p>\n";
  } else {
    out << "<table>\n<thead><tr><th>severity</th><th>rule</th><th>location</th><th>services</th><th>finding</th></tr></thead>\n<tbody>\n";
    for (const auto& finding : graph.findings) {
      std::string services;
      for (const auto& service : finding.services) services += (services.empty() ? "" : ", ") + service;
      out << "<tr data-rule=\"" << html_escaped(finding.rule) << "\"><td class=\"sev-" << severity_name(finding.severity) << "\">"
          << severity_name(finding.severity) << "</td><td>" << html_escaped(finding.rule) << "</td><td class=\"loc\">"
          << html_escaped(location_text(finding.location)) << "</td><td>" << html_escaped(services) << "</td><td>"
          << html_escaped(finding.message);
      if (!finding.profile.empty()) out << " (profile " << html_escaped(finding.profile) << ")";
      for (const auto& related : finding.related) {
        out << "<div class=\"related\"><span class=\"loc\">" << html_escaped(location_text(related.location)) << "</span>: "
            << html_escaped(related.message) << "</div>";
      }
      if (!finding.fix.empty()) out << "<div class=\"related\">fix: " << html_escaped(finding.fix) << "</div>";
      out << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
  }
  out << "<p>" << options.suppressed << " suppressed; " << options.baselined << " in the baseline; " << options.warnings.size()
      << " input warnings</p>\n";
  if (!options.warnings.empty()) {
    out << "<ul id=\"input-warnings\">\n";
    for (const auto& warning : options.warnings) {
      out << "<li><span class=\"loc\">" << html_escaped(location_text(warning.location)) << "</span>: " << html_escaped(warning.message) << "</li>\n";
    }
    out << "</ul>\n";
  }
  out << "</section>\n";
}

}  // namespace

void print_graph_html(const Graph& graph, const HtmlPageOptions& options, std::ostream& out) {
  const std::vector<RuleRow> rules = rules_with_findings(graph, options);
  std::map<GraphNodeKind, std::size_t> node_counts;
  for (const auto& node : graph.nodes) ++node_counts[node.kind];
  std::size_t flagged_edges = 0;
  for (const auto& edge : graph.edges) flagged_edges += edge.flagged() ? 1 : 0;

  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // Everything the page needs is inside it: the policy forbids any fetch at view time.
  out << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; "
         "style-src 'unsafe-inline'; img-src data:\">\n";
  out << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out << "<meta name=\"generator\" content=\"dbsilo " << html_escaped(options.tool_version) << "\">\n";
  out << "<title>" << html_escaped(options.title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
  out << "<header><h1>" << html_escaped(options.title) << "</h1><span class=\"counts\">"
      << counted(node_counts[GraphNodeKind::service], "service", "services") << ", "
      << counted(node_counts[GraphNodeKind::library], "library", "libraries") << ", "
      << counted(node_counts[GraphNodeKind::datastore], "datastore", "datastores") << "; "
      << counted(graph.findings.size(), "finding", "findings") << ", " << flagged_edges << " of "
      << counted(graph.edges.size(), "edge", "edges") << " flagged</span><span class=\"counts\">dbsilo " << html_escaped(options.tool_version) << "</span></header>\n";
  out << "<noscript><p>The map needs JavaScript; the findings are listed below it.</p></noscript>\n";
  out << "<div id=\"layout\">\n<section id=\"map-pane\">\n";
  out << "<div id=\"toolbar\"><button id=\"fit\" type=\"button\">Fit</button>"
         "<label><input type=\"checkbox\" id=\"flagged-only\"> only edges with findings</label></div>\n";
  out << "<div id=\"cy\" role=\"img\" aria-label=\"service map\"></div>\n";
  out << "<p class=\"legend\">Boxes: services; cut boxes: libraries; barrels: datastores; dashed frames: deployment scopes. "
         "<span class=\"red\">Red</span> edges carry findings of the checked rules, <span class=\"grey\">grey</span> ones none. "
         "Drag to pan, scroll to zoom.</p>\n";
  out << "</section>\n<aside>\n<fieldset id=\"rule-filter\"><legend>Rules</legend>\n";
  if (rules.empty()) out << "<p>No findings.</p>\n";
  for (const auto& rule : rules) {
    out << "<label><input type=\"checkbox\" name=\"rule\" value=\"" << html_escaped(rule.id) << "\" checked> " << html_escaped(rule.id);
    if (!rule.name.empty()) out << " &mdash; " << html_escaped(rule.name);
    out << " (" << rule.findings << ")";
    if (!rule.help_uri.empty()) out << " <a href=\"" << html_escaped(rule.help_uri) << "\" target=\"_blank\" rel=\"noopener\">doc</a>";
    out << "</label>\n";
  }
  out << "</fieldset>\n<div id=\"details\"></div>\n</aside>\n</div>\n";
  if (options.findings_table) print_findings_table(graph, options, out);
  out << "<pre id=\"rendered-summary\" hidden></pre>\n";
  out << "<script>/* cytoscape.js " << embedded_cytoscape_js_version() << " (MIT licence, notice below), inlined at build time */\n"
      << embedded_cytoscape_js() << "\n</script>\n";
  out << "<script type=\"application/json\" id=\"graph-data\">" << script_safe_json(graph_json(graph, rules)) << "</script>\n";
  out << "<script>" << kViewerScript << "</script>\n</body>\n</html>\n";
}

}  // namespace dbsilo
