// The C++ front end: libclang's AST for declarations (global state, functions), its tokens for
// everything a missing header hides from the AST (calls into client libraries, literals, pragmas).
#include "languages/cpp/cpp_extractor.h"

#include <clang-c/Index.h>

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <set>

#include "dbsilo/sql_shape.h"
#include "dbsilo/text.h"
#include "languages/cpp/client_calls.h"
#include "languages/cpp/cpp_text.h"
#include "languages/datastore/connection_string.h"

namespace dbsilo {
namespace {

// Token texts compare with literals as views: length first, no strlen.
using namespace std::string_view_literals;

using cpp::CallRole;

std::string take(CXString text) {
  const char* chars = clang_getCString(text);
  std::string value = chars ? chars : "";
  clang_disposeString(text);
  return value;
}

// One CXIndex per thread: creating it costs more than parsing a small file.
CXIndex thread_index() {
  struct Holder {
    CXIndex index = clang_createIndex(0, 0);
    ~Holder() { clang_disposeIndex(index); }
  };
  thread_local Holder holder;
  return holder.index;
}

// The thread's last translation unit, kept for the next file parsed with the same arguments:
// reparsing it with new contents skips the driver and option parsing, about half of the ~1 ms a
// fresh unit costs before it reads a byte. Its main file keeps the first file's name; locations
// are reported under each file's own path, and includes are never followed, so the name is
// never looked up.
struct ReusableUnit {
  std::vector<std::string> arguments;
  std::string file_name;
  CXTranslationUnit unit = nullptr;
  void reset() {
    if (unit) clang_disposeTranslationUnit(unit);
    unit = nullptr;
  }
  ~ReusableUnit() { reset(); }
};

ReusableUnit& thread_unit() {
  thread_local ReusableUnit reusable;
  return reusable;
}

struct Token {
  CXTokenKind kind;
  std::string text;
  int line = 0;
  int column = 0;
  unsigned offset = 0;
  bool preprocessor = false;  // on a #include / #pragma / #define line: never a call or a bare literal
  bool directive = false;     // in a directive, its backslash-continued lines too: never a declaration
  bool consumed = false;      // already reported as part of a client call
};

struct FunctionScope {
  std::string name;
  std::vector<std::string> parameters;
  unsigned begin = 0;
  unsigned end = 0;
  std::size_t name_token = 0;  // the name's token; the body is tokens (body_open, partner of body_open)
  std::size_t body_open = 0;
};

// What an argument expression evaluates to, as far as literals and known shapes tell.
struct Value {
  enum Kind { unknown, text, config, environment, parameter } kind = unknown;
  std::string value;                 // text: the folded string (unknown parts as "?"); environment: the variable
  bool partial = false;              // text: some parts were not literals
  std::vector<std::string> keys;     // config: literal keys in order, "" = the parameter
  int parameter_index = -1;          // the enclosing function's parameter that supplies the key (or the text)
  std::vector<std::size_t> literal_tokens;
};

constexpr std::array<std::string_view, 12> kStringWrappers = {"QByteArray", "QLatin1String", "QString", "QStringLiteral", "fromStdString", "fromUtf8",
                                                              "string",     "string_view",   "tr",      "u8string",       "wstring",       "QStringView"};
constexpr std::array<std::string_view, 6> kEnvironmentReaders = {"getenv", "qEnvironmentVariable", "qgetenv", "secure_getenv", "_dupenv_s", "GetEnvironmentVariable"};
// Accessors that read one key of a JSON/YAML/ptree configuration object by name.
constexpr std::array<std::string_view, 6> kKeyAccessors = {"at", "get", "get_child", "get_optional", "value", "operator[]"};
constexpr std::array<std::string_view, 14> kNotTypeKeywords = {"return", "else",  "new",    "delete", "throw", "case",  "co_return",
                                                               "co_await", "sizeof", "typeid", "do",     "goto",  "co_yield", "operator"};

bool is_string_token(const Token& token) {
  if (token.kind != CXToken_Literal) return false;
  const std::string& text = token.text;
  return text.find('"') != std::string::npos && text.front() != '\'' && !std::isdigit(static_cast<unsigned char>(text.front()));
}

bool contains(auto& list, std::string_view word) { return std::find(list.begin(), list.end(), word) != list.end(); }

std::string last_name(std::string_view qualified) {
  const auto colons = qualified.rfind("::");
  return std::string(colons == std::string_view::npos ? qualified : qualified.substr(colons + 2));
}

class CppFile {
 public:
  CppFile(std::string_view source, const std::string& path, const CompileFlags* flags, std::vector<Warning>& warnings)
      : source_(source), path_(path), flags_(flags), warnings_(warnings) {}

  CppFileFacts run() {
    if (!parse()) return std::move(facts_);
    read_tokens();
    match_brackets();
    read_preprocessor_lines();
    read_functions();
    read_declarations();
    read_function_statics();
    read_declarations_the_ast_lost();
    read_symbols();
    read_mongo_receivers();
    read_calls();
    read_subscript_collections();
    read_table_structs();
    emit_builder_connection();
    read_bare_sql_literals();
    return std::move(facts_);  // the unit stays with the thread for the next file
  }

 private:
  // ---- parsing -------------------------------------------------------------------------------

  bool parse() {
    const bool c_file = to_lower(path_).ends_with(".c");
    std::vector<std::string> arguments;
    std::string file_name = path_;
    // Includes are never followed, even with a build's flags (which then only bring macros and
    // the language standard): a header may live outside the scanned root, and nothing there is
    // read. It also keeps a file at about 12 ms per 2,000 lines, with no build needed.
    // Function bodies are skipped (half of libclang's time): the AST is read for variables only,
    // and the statics declared in bodies come from tokens (read_function_statics).
    const unsigned options = CXTranslationUnit_KeepGoing | CXTranslationUnit_SingleFileParse | CXTranslationUnit_SkipFunctionBodies;
    if (flags_) {
      arguments = flags_->arguments;
      if (!flags_->file.empty()) file_name = flags_->file;
    } else {
      arguments = {"-x", c_file ? "c" : "c++", c_file ? "-std=c11" : "-std=c++20"};
    }
    arguments.push_back("-ferror-limit=0");
    arguments.push_back("-Wno-everything");
    ReusableUnit& reusable = thread_unit();
    CXErrorCode error = CXError_Failure;
    if (reusable.unit && reusable.arguments == arguments) {
      CXUnsavedFile unsaved{reusable.file_name.c_str(), source_.data(), static_cast<unsigned long>(source_.size())};
      error = static_cast<CXErrorCode>(clang_reparseTranslationUnit(reusable.unit, 1, &unsaved, clang_defaultReparseOptions(reusable.unit)));
      if (error == CXError_Success) {
        file_name = reusable.file_name;
        unit_ = reusable.unit;
      }
    }
    if (error != CXError_Success) {
      reusable.reset();  // a unit that failed to reparse is unusable: parse afresh
      std::vector<const char*> argv;
      for (const auto& argument : arguments) argv.push_back(argument.c_str());
      CXUnsavedFile unsaved{file_name.c_str(), source_.data(), static_cast<unsigned long>(source_.size())};
      error = clang_parseTranslationUnit2(thread_index(), file_name.c_str(), argv.data(), static_cast<int>(argv.size()), &unsaved, 1, options, &unit_);
      if (error == CXError_Success && unit_) {
        reusable.arguments = arguments;
        reusable.file_name = file_name;
        reusable.unit = unit_;
      }
    }
    if (error != CXError_Success || !unit_) {
      warnings_.push_back({{path_, 0, 0}, "libclang could not parse this file (error " + std::to_string(static_cast<int>(error)) + "); its C++ facts are skipped"});
      return false;
    }
    file_ = clang_getFile(unit_, file_name.c_str());
    if (!file_) {
      warnings_.push_back({{path_, 0, 0}, "libclang lost this file while parsing it; its C++ facts are skipped"});
      thread_unit().reset();
      return false;
    }
    return true;
  }

  void read_tokens() {
    const CXSourceRange range = clang_getRange(clang_getLocationForOffset(unit_, file_, 0),
                                               clang_getLocationForOffset(unit_, file_, static_cast<unsigned>(source_.size())));
    CXToken* raw = nullptr;
    unsigned count = 0;
    clang_tokenize(unit_, range, &raw, &count);
    tokens_.reserve(count);
    for (unsigned i = 0; i < count; ++i) {
      const CXTokenKind kind = clang_getTokenKind(raw[i]);
      if (kind == CXToken_Comment) continue;
      Token token;
      token.kind = kind;
      token.text = take(clang_getTokenSpelling(unit_, raw[i]));
      unsigned line = 0;
      unsigned column = 0;
      clang_getSpellingLocation(clang_getTokenLocation(unit_, raw[i]), nullptr, &line, &column, &token.offset);
      token.line = static_cast<int>(line);
      token.column = static_cast<int>(column);
      tokens_.push_back(std::move(token));
    }
    clang_disposeTokens(unit_, raw, count);
  }

  void match_brackets() {
    partner_.assign(tokens_.size(), npos);
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (tokens_[i].kind != CXToken_Punctuation) continue;
      const std::string& text = tokens_[i].text;
      if (text == "("sv || text == "["sv || text == "{"sv) {
        open.push_back(i);
      } else if ((text == ")"sv || text == "]"sv || text == "}"sv) && !open.empty()) {
        partner_[open.back()] = i;
        partner_[i] = open.back();
        open.pop_back();
      }
    }
  }

  bool is(std::size_t index, std::string_view text) const { return index < tokens_.size() && tokens_[index].text == text; }
  bool is_identifier(std::size_t index) const { return index < tokens_.size() && tokens_[index].kind == CXToken_Identifier; }
  SourceLocation location_of(std::size_t index) const { return {path_, tokens_[index].line, tokens_[index].column}; }

  // ---- AST: functions and global state -------------------------------------------------------

  static bool is_function_kind(CXCursorKind kind) {
    return kind == CXCursor_FunctionDecl || kind == CXCursor_CXXMethod || kind == CXCursor_Constructor || kind == CXCursor_Destructor ||
           kind == CXCursor_FunctionTemplate || kind == CXCursor_ConversionFunction || kind == CXCursor_LambdaExpr;
  }

  static bool is_class_kind(CXCursorKind kind) {
    return kind == CXCursor_ClassDecl || kind == CXCursor_StructDecl || kind == CXCursor_ClassTemplate ||
           kind == CXCursor_ClassTemplatePartialSpecialization || kind == CXCursor_UnionDecl;
  }

  static bool is_const_type(CXType type) {
    if (clang_isConstQualifiedType(type)) return true;
    if (type.kind == CXType_ConstantArray || type.kind == CXType_IncompleteArray || type.kind == CXType_DependentSizedArray) {
      return clang_isConstQualifiedType(clang_getArrayElementType(type));
    }
    return false;
  }

  unsigned offset_of(CXSourceLocation location) const {
    unsigned offset = 0;
    clang_getSpellingLocation(location, nullptr, nullptr, nullptr, &offset);
    return offset;
  }

  std::size_t token_at_offset(unsigned offset) const {
    const auto found = std::lower_bound(tokens_.begin(), tokens_.end(), offset, [](const Token& token, unsigned key) { return token.offset < key; });
    return static_cast<std::size_t>(found - tokens_.begin());
  }

  // The declaration's type as written: its tokens before the name, without storage keywords.
  std::string written_type(CXCursor cursor, const std::string& name) const {
    const CXSourceRange extent = clang_getCursorExtent(cursor);
    return type_written_before(token_at_offset(offset_of(clang_getRangeStart(extent))), offset_of(clang_getCursorLocation(cursor)), name);
  }

  // The tokens from `index` up to the name at `name_offset`, without storage keywords.
  std::string type_written_before(std::size_t index, unsigned name_offset, const std::string& name) const {
    std::string type;
    for (; index < tokens_.size() && tokens_[index].offset < name_offset; ++index) {
      const std::string& text = tokens_[index].text;
      if (text == name || text == "static"sv || text == "inline"sv || text == "thread_local"sv || text == "extern"sv || text == "mutable"sv) continue;
      if (!type.empty() && text != "::"sv && !type.ends_with("::") && text != "<"sv && text != ">"sv && text != ">>"sv && text != ","sv && !type.ends_with("<")) type += ' ';
      type += text;
    }
    // An out-of-class definition `int Repo::count = 0;` writes the class before the name.
    while (type.ends_with("::")) {
      type.resize(type.size() - 2);
      const auto space = type.rfind(' ');
      type.resize(space == std::string::npos ? 0 : space);
    }
    return type;
  }

  std::string qualified_name(CXCursor cursor) const {
    std::string name = take(clang_getCursorSpelling(cursor));
    for (CXCursor parent = clang_getCursorSemanticParent(cursor); !clang_Cursor_isNull(parent) && parent.kind != CXCursor_TranslationUnit;
         parent = clang_getCursorSemanticParent(parent)) {
      std::string part = take(clang_getCursorSpelling(parent));
      if (is_function_kind(parent.kind)) part += "()";
      if (!part.empty()) name = part + "::" + name;
    }
    return name;
  }

  bool returns_reference(CXCursor function) const {
    const CXType result = clang_getCursorResultType(function);
    if (result.kind == CXType_LValueReference || result.kind == CXType_RValueReference || result.kind == CXType_Pointer) return true;
    // A result of an unknown type comes back as int: read the tokens before the name instead.
    const std::string written = written_type(function, take(clang_getCursorSpelling(function)));
    return written.ends_with("&") || written.ends_with("*");
  }

  void add_variable(CXCursor cursor) {
    const CXCursor parent = clang_getCursorSemanticParent(cursor);
    const CXType type = clang_getCursorType(cursor);
    if (type.kind == CXType_LValueReference || type.kind == CXType_RValueReference) return;  // an alias, not state of its own
    const bool constant = is_const_type(type);
    const CX_StorageClass storage = clang_Cursor_getStorageClass(cursor);
    const bool thread_local_storage = clang_getCursorTLSKind(cursor) != CXTLS_None;
    std::string kind;
    if (parent.kind == CXCursor_TranslationUnit || parent.kind == CXCursor_Namespace || parent.kind == CXCursor_LinkageSpec) {
      if (storage == CX_SC_Extern && !clang_isCursorDefinition(cursor)) return;  // the definition is the state
      kind = "global-variable";
    } else if (is_class_kind(parent.kind)) {
      kind = "static-field";  // instance fields are FieldDecls, never VarDecls
    } else if (is_function_kind(parent.kind)) {
      if (storage != CX_SC_Static && !thread_local_storage) return;
      if (!thread_local_storage && !returns_reference(parent)) return;  // a static nobody else reaches
      kind = "singleton";
    } else {
      return;
    }
    if (thread_local_storage) kind = "thread-local";
    if (constant) return;
    // The in-class declaration and the out-of-class definition are one variable.
    const std::string usr = take(clang_getCursorUSR(cursor));
    if (!usr.empty() && !seen_variables_.insert(usr).second) return;
    const std::string name = take(clang_getCursorSpelling(cursor));
    // Unknown macros and types make clang read other things as variables: `TEST(Suite, Name) {`
    // (Name), `ENUM(Color, ...)` (no type), `class API_EXPORT Registry final {` (of type `class
    // API_EXPORT`), `Result make(pqxx::result r) {` (a function definition, as tokens show).
    const std::size_t name_token = token_at_offset(offset_of(clang_getCursorLocation(cursor)));
    const std::size_t after = name_token + 1;
    if (is(after, ")") || defines_function_.contains(name_token)) return;
    const std::string written = written_type(cursor, name);
    if (written.empty() || written == "void" || written.starts_with("class ")) return;
    if ((written.starts_with("struct ") || written.starts_with("union ") || written.starts_with("enum ")) && (is(after, "{") || is(after, ":") || is(after, "final"))) return;
    unsigned line = 0;
    unsigned column = 0;
    clang_getSpellingLocation(clang_getCursorLocation(cursor), nullptr, &line, &column, nullptr);
    facts_.global_state.push_back({qualified_name(cursor), written, kind, {path_, static_cast<int>(line), static_cast<int>(column)}});
    variables_at_.emplace(static_cast<int>(line), static_cast<int>(column));
  }

  void read_declarations() {
    clang_visitChildren(
        clang_getTranslationUnitCursor(unit_),
        [](CXCursor cursor, CXCursor, CXClientData data) {
          auto* self = static_cast<CppFile*>(data);
          if (!clang_Location_isFromMainFile(clang_getCursorLocation(cursor))) return CXChildVisit_Continue;
          if (cursor.kind == CXCursor_VarDecl) self->add_variable(cursor);
          return CXChildVisit_Recurse;
        },
        this);
  }

  // Function definitions from tokens: the AST loses a function whose return type comes from a
  // missing header (`pqxx::connection connect(...)` reads as a variable). `name ( params )
  // [qualifiers] [: inits] {`, where name is not a statement keyword.
  void read_functions() {
    static constexpr std::array<std::string_view, 8> kStatements = {"if", "for", "while", "switch", "catch", "return", "sizeof", "decltype"};
    for (std::size_t open = 1; open < tokens_.size(); ++open) {
      if (tokens_[open].text != "("sv || tokens_[open].preprocessor || partner_[open] == npos || !is_identifier(open - 1)) continue;
      if (contains(kStatements, tokens_[open - 1].text) || is(open - 2, ".") || is(open - 2, "->")) continue;
      std::size_t next = partner_[open] + 1;
      while (next < tokens_.size() && (tokens_[next].text == "const"sv || tokens_[next].text == "noexcept"sv || tokens_[next].text == "override"sv ||
                                       tokens_[next].text == "final"sv || tokens_[next].text == "&"sv || tokens_[next].text == "&&"sv || tokens_[next].text == "mutable"sv)) {
        ++next;
      }
      if (is(next, "->")) {
        while (next < tokens_.size() && !is(next, "{") && !is(next, ";")) ++next;
      }
      if (is(next, ":") && !is(next + 1, ":")) {
        // Constructor initialisers: name(...) or name{...}, separated by commas.
        ++next;
        while (next < tokens_.size()) {
          while (is_identifier(next) || is(next, "::")) ++next;
          if ((is(next, "(") || is(next, "{")) && partner_[next] != npos) next = partner_[next] + 1;
          if (!is(next, ",")) break;
          ++next;
        }
      }
      if (!is(next, "{") || partner_[next] == npos) continue;
      FunctionScope scope;
      scope.name = tokens_[open - 1].text;
      scope.begin = tokens_[open - 1].offset;
      scope.name_token = open - 1;
      scope.body_open = next;
      defines_function_.insert(open - 1);
      scope.end = tokens_[partner_[next]].offset + 1;
      // Each parameter's name is its last identifier before a default value.
      std::size_t parameter_begin = open + 1;
      for (std::size_t i = open + 1; i <= partner_[open]; ++i) {
        if (i < partner_[open] && (is(i, "(") || is(i, "[") || is(i, "{")) && partner_[i] != npos) {
          i = partner_[i];
          continue;
        }
        if (i == partner_[open] || is(i, ",")) {
          std::string name;
          for (std::size_t j = parameter_begin; j < i && !is(j, "="); ++j) {
            if (is_identifier(j)) name = tokens_[j].text;
          }
          if (i > parameter_begin) scope.parameters.push_back(name);
          parameter_begin = i + 1;
        }
      }
      functions_.push_back(std::move(scope));
    }
  }

  struct Level {
    std::string name;  // namespace or class name ("" for an anonymous namespace or extern "C")
    bool is_class = false;
  };

  // What the `{` at `open` opens, for the statement starting at token `statement`: namespace x {,
  // class X : base {, extern "C" {, or nothing of these (a function body, an initializer...).
  std::optional<Level> level_opened_at(std::size_t statement, std::size_t open) const {
    int angles = 0;  // `template <class T> class List {`: the first `class` is a parameter's
    for (std::size_t j = statement; j < open; ++j) {
      const std::string& text = tokens_[j].text;
      angles += text == "<"sv ? 1 : text == ">"sv ? -1 : text == ">>"sv ? -2 : 0;
      if (text == "namespace"sv) return Level{is_identifier(open - 1) ? tokens_[open - 1].text : "", false};
      if (angles <= 0 && (text == "class"sv || text == "struct"sv) && is_identifier(j + 1) && !is(open - 1, ")") && !is(open - 1, "=")) {
        // The name is the last identifier before the bases: `class API_EXPORT Repo final : Base {`.
        std::string name;
        for (std::size_t k = j + 1; k < open && !is(k, ":") && !is(k, "<"); ++k) {
          if (is_identifier(k) && tokens_[k].text != "final"sv) name = tokens_[k].text;
        }
        return Level{name, true};
      }
      if (tokens_[j].text == "extern"sv && j + 1 < open && is_string_token(tokens_[j + 1])) return Level{"", false};
    }
    return std::nullopt;
  }

  // Whether a declarator's last `const` (token index, npos for none) binds the variable itself:
  // `const char* p` points at constant characters, but p can be reassigned; `char* const p` cannot.
  static bool top_level_const(std::size_t last_const, std::size_t last_pointer) {
    return last_const != npos && (last_pointer == npos || last_const > last_pointer);
  }

  // Statics declared in function bodies, from tokens: the parse skips bodies. `static T name`
  // (or thread_local) in a function that returns a reference or pointer is a singleton every
  // caller shares; a thread_local one is per-thread state wherever it is. Constants and
  // references are not state of their own, as for every other variable.
  void read_function_statics() {
    std::map<std::size_t, const FunctionScope*> by_body;
    for (const auto& function : functions_) by_body.emplace(function.body_open, &function);
    if (by_body.empty()) return;
    walk_levels(
        [&](std::size_t open, const std::vector<Level>& levels) {
          if (!by_body.contains(open) || partner_[open] == npos) return npos;
          read_statics_in_body(open, partner_[open], levels);
          return partner_[open];
        },
        [](std::size_t, std::size_t, const std::vector<Level>&) {});
    // In source order among the AST's variables, as one pass over the whole AST gave them.
    std::stable_sort(facts_.global_state.begin(), facts_.global_state.end(), [](const GlobalStateFact& a, const GlobalStateFact& b) {
      return std::pair(a.location.line, a.location.column) < std::pair(b.location.line, b.location.column);
    });
  }

  void read_statics_in_body(std::size_t open, std::size_t close, const std::vector<Level>& levels) {
    for (std::size_t j = open + 1; j < close; ++j) {
      if ((tokens_[j].text != "static"sv && tokens_[j].text != "thread_local"sv) || tokens_[j].kind != CXToken_Keyword) continue;
      if (is(j - 1, "static") || is(j - 1, "thread_local")) continue;  // `static thread_local`: one declaration
      std::size_t begin = j;
      while (begin > open + 1 && (is(begin - 1, "const") || is(begin - 1, "constexpr") || is(begin - 1, "volatile") || is(begin - 1, "inline"))) --begin;
      bool is_thread_local = false;
      bool constant = false;
      std::size_t last_const = npos;
      std::size_t last_pointer = npos;
      std::size_t name = npos;
      std::size_t i = begin;
      for (; i < close; ++i) {
        const std::string& text = tokens_[i].text;
        if (text == "="sv || text == "{"sv || text == "("sv || text == ";"sv || text == ","sv || (text == "["sv && name != npos)) break;
        if (text == "<"sv || text == "["sv) {  // template arguments and attributes are not the name
          std::size_t depth = 0;
          for (; i < close; ++i) {
            if (is(i, "<") || is(i, "[")) ++depth;
            if (is(i, ">") || is(i, "]")) --depth;
            if (is(i, ">>")) depth = depth > 1 ? depth - 2 : 0;
            if (depth == 0) break;
          }
          continue;
        }
        if (text == "thread_local"sv) is_thread_local = true;
        if (text == "constexpr"sv) constant = true;
        if (text == "const"sv) last_const = i;
        if (text == "*"sv) last_pointer = i;
        if (text == "&"sv || text == "&&"sv) name = npos, constant = true;  // a reference aliases state declared elsewhere
        if (is_identifier(i)) name = i;
      }
      j = i;
      if (top_level_const(last_const, last_pointer)) constant = true;
      if (name == npos || name == begin || constant) continue;
      const unsigned name_offset = tokens_[name].offset;
      if (variables_at_.contains({tokens_[name].line, tokens_[name].column})) continue;  // a body the parse kept
      if (tokens_[name].directive) continue;                                               // a macro's text, not code
      const FunctionScope* function = function_owning(name_offset);
      if (!function) continue;
      if (!is_thread_local && !returns_reference_as_written(*function)) continue;  // a static nobody else reaches
      std::string qualified;
      for (const auto& level : levels) {
        if (!level.name.empty()) qualified += level.name + "::";
      }
      qualified += qualified_function_name(*function) + "()::" + tokens_[name].text;
      // `#ifdef A static T x; #else static U x; #endif`: one variable, whichever branch builds;
      // namesakes in sibling blocks (`case 1: { static X sv; ... }`) are variables of their own.
      if (!statics_seen_.emplace(qualified, enclosing_brace(name)).second) continue;
      facts_.global_state.push_back({qualified, type_written_before(begin, name_offset, tokens_[name].text), is_thread_local ? "thread-local" : "singleton",
                                     location_of(name)});
    }
  }

  // The `{` of the innermost block holding token `index` (blocks before it are stepped over).
  std::size_t enclosing_brace(std::size_t index) const {
    for (std::size_t at = index; at-- > 0;) {
      if (is(at, "}") && partner_[at] != npos) {
        at = partner_[at];
      } else if (is(at, "{")) {
        return at;
      }
    }
    return npos;
  }

  // The innermost function whose body holds `offset`. A constructor's member initialiser
  // `member_(...) {` ends where the body starts too: the body is the constructor's (first header).
  const FunctionScope* function_owning(unsigned offset) const {
    const FunctionScope* owner = nullptr;
    for (const auto& function : functions_) {
      if (partner_[function.body_open] == npos || offset <= tokens_[function.body_open].offset || offset >= tokens_[partner_[function.body_open]].offset) continue;
      if (!owner || function.body_open > owner->body_open || (function.body_open == owner->body_open && function.begin < owner->begin)) owner = &function;
    }
    return owner;
  }

  // `Repo::instance` for `Repo& Repo::instance() {`: the name as the definition writes it.
  std::string qualified_function_name(const FunctionScope& function) const {
    std::string name = tokens_[function.name_token].text;
    for (std::size_t at = function.name_token; at >= 2 && is(at - 1, "::") && is_identifier(at - 2); at -= 2) name = tokens_[at - 2].text + "::" + name;
    return name;
  }

  // The return type as written ends in &, && or *: `static Registry& instance()`, or
  // `auto instance() -> Registry&`.
  bool returns_reference_as_written(const FunctionScope& function) const {
    const auto is_indirection = [&](std::size_t at) { return is(at, "&") || is(at, "&&") || is(at, "*"); };
    if (const std::size_t close = partner_[function.name_token + 1]; close != npos) {
      for (std::size_t at = close + 1; at < function.body_open; ++at) {
        if (is(at, "->")) return is_indirection(function.body_open - 1);
      }
    }
    std::size_t start = function.name_token;
    while (start >= 2 && is(start - 1, "::") && is_identifier(start - 2)) start -= 2;
    return start > 0 && is_indirection(start - 1);
  }

  // Namespace-scope variables and static members whose type comes from a missing header can
  // vanish from the AST (`std::map<std::string, std::shared_ptr<pqxx::connection>> cache;`):
  // statements at namespace or class level read from tokens, for names the AST did not give.
  void read_declarations_the_ast_lost() {
    static constexpr std::array<std::string_view, 16> kNotVariables = {
        "using", "typedef", "template", "class", "struct", "union", "enum", "namespace", "static_assert",
        "friend", "return", "public", "private", "protected", "operator", "#"};
    std::set<std::string> known;
    for (const auto& state : facts_.global_state) known.insert(last_name(state.name));
    walk_levels([](std::size_t, const std::vector<Level>&) { return npos; },
                [&](std::size_t begin, std::size_t end, const std::vector<Level>& levels) { read_lost_declaration(begin, end, levels, known, kNotVariables); });
  }

  // Walks the tokens keeping the namespace and class levels open at each point. `on_brace(open,
  // levels)` sees every `{` first and returns where to resume (its partner, to step over a body) or
  // npos; `on_statement(begin, end, levels)` gets each statement ending in `;` at namespace or
  // class level. Directives (continued lines too) end statements and are never read.
  template <typename OnBrace, typename OnStatement>
  void walk_levels(OnBrace&& on_brace, OnStatement&& on_statement) const {
    std::vector<Level> levels;
    std::vector<bool> tracked;  // per open brace: a namespace/class body we read statements in
    std::size_t statement = 0;
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      const Token& token = tokens_[i];
      if (token.directive) {
        statement = i + 1;
        continue;
      }
      const bool at_level = tracked.empty() || tracked.back();
      if (token.text == "{"sv) {
        if (const std::size_t resume = on_brace(i, levels); resume != npos) {
          i = resume;
          statement = i + 1;
          continue;
        }
        const std::optional<Level> level = at_level ? level_opened_at(statement, i) : std::nullopt;
        tracked.push_back(level.has_value());
        if (level) levels.push_back(*level);
        statement = i + 1;
        continue;
      }
      if (token.text == "}"sv) {
        if (!tracked.empty()) {
          if (tracked.back() && !levels.empty()) levels.pop_back();
          tracked.pop_back();
        }
        statement = i + 1;
        continue;
      }
      if (token.text != ";"sv) continue;
      if (at_level) on_statement(statement, i, levels);
      statement = i + 1;
    }
  }

  template <typename Words>
  void read_lost_declaration(std::size_t begin, std::size_t end, const auto& levels, std::set<std::string>& known, const Words& not_variables) {
    while (begin + 1 < end && (is(begin, "public") || is(begin, "private") || is(begin, "protected")) && is(begin + 1, ":")) begin += 2;
    if (begin >= end || is_string_token(tokens_[begin])) return;
    const bool in_class = !levels.empty() && levels.back().is_class;
    bool is_static = false;
    bool is_thread_local = false;
    bool constant = false;
    std::size_t last_const = npos;
    std::size_t last_pointer = npos;
    std::size_t name = npos;
    for (std::size_t i = begin; i < end; ++i) {
      const std::string& text = tokens_[i].text;
      if (contains(not_variables, text) || text == ":"sv) return;
      if (text == "="sv || text == "{"sv || (text == "["sv && name != npos)) break;
      if (text == "("sv) return;  // a function, a call, a macro: not a variable we can read
      if (text == "static"sv) is_static = true;
      if (text == "thread_local"sv) is_thread_local = true;
      if (text == "extern"sv && !in_class) return;  // the definition is the state
      if (text == "constexpr"sv) constant = true;
      if (text == "const"sv) last_const = i;
      if (text == "*"sv) last_pointer = i;
      if (text == "&"sv || text == "&&"sv) return;  // a reference aliases state declared elsewhere
      if (is_identifier(i)) name = i;
    }
    if (top_level_const(last_const, last_pointer)) constant = true;
    if (name == npos || name == begin || constant || (in_class && !is_static)) return;
    std::string qualified = tokens_[name].text;
    std::size_t start = name;
    while (start >= begin + 2 && is(start - 1, "::") && is_identifier(start - 2)) {
      qualified = tokens_[start - 2].text + "::" + qualified;
      start -= 2;
    }
    if (start == begin || !known.insert(tokens_[name].text).second) return;
    for (auto level = levels.rbegin(); level != levels.rend(); ++level) {
      if (!level->name.empty()) qualified = level->name + "::" + qualified;
    }
    std::string type;
    for (std::size_t i = begin; i < start; ++i) {
      const std::string& text = tokens_[i].text;
      if (text == "static"sv || text == "inline"sv || text == "thread_local"sv || text == "mutable"sv) continue;
      if (!type.empty() && text != "::"sv && !type.ends_with("::") && text != "<"sv && text != ">"sv && text != ">>"sv && text != ","sv && !type.ends_with("<")) type += ' ';
      type += text;
    }
    const bool member = in_class || start != name;  // in a class body, or `Repo::cache` defined outside it
    const std::string kind = is_thread_local ? "thread-local" : member ? "static-field" : "global-variable";
    facts_.global_state.push_back({qualified, type, kind, location_of(name)});
  }

  const FunctionScope* scope_at(unsigned offset) const {
    const FunctionScope* innermost = nullptr;
    for (const auto& function : functions_) {
      if (function.begin <= offset && offset < function.end && (!innermost || function.begin >= innermost->begin)) innermost = &function;
    }
    return innermost;
  }

  int parameter_index(const FunctionScope* scope, const std::string& name) const {
    if (!scope) return -1;
    for (std::size_t i = 0; i < scope->parameters.size(); ++i) {
      if (scope->parameters[i] == name) return static_cast<int>(i);
    }
    return -1;
  }

  // ---- preprocessor lines: includes, ODB pragmas -----------------------------------------------

  void read_preprocessor_lines() {
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (tokens_[i].text != "#"sv || (i > 0 && tokens_[i - 1].line == tokens_[i].line)) continue;
      std::size_t end = i;
      while (end < tokens_.size() && tokens_[end].line == tokens_[i].line) tokens_[end++].preprocessor = true;
      const unsigned directive_ends = directive_end(tokens_[i].offset);
      for (std::size_t in = i; in < tokens_.size() && tokens_[in].offset < directive_ends; ++in) tokens_[in].directive = true;
      if (is(i + 1, "include") && i + 2 < end && is_string_token(tokens_[i + 2])) {
        if (auto included = cpp::decode_string_literal(tokens_[i + 2].text)) facts_.includes.push_back({*included, location_of(i)});
      }
      if (is(i + 1, "pragma") && is(i + 2, "db") && is(i + 3, "object")) read_odb_pragma(i, end);
      i = end - 1;
    }
  }

  // End offset of the directive starting at `hash`: its line and every line a backslash continues.
  unsigned directive_end(unsigned hash) const {
    std::size_t at = hash;
    while (true) {
      const std::size_t newline = source_.find('\n', at);
      if (newline == std::string_view::npos) return static_cast<unsigned>(source_.size());
      std::size_t last = newline;
      while (last > at && (source_[last - 1] == '\r' || source_[last - 1] == ' ' || source_[last - 1] == '\t')) --last;
      if (last == at || source_[last - 1] != '\\') return static_cast<unsigned>(newline);
      at = newline + 1;
    }
  }

  // #pragma db object [(Class)] [table("name")]: an ODB persistent class and its table.
  void read_odb_pragma(std::size_t begin, std::size_t end) {
    std::string class_name;
    std::string table;
    std::size_t index = begin + 4;
    if (is(index, "(") && is_identifier(index + 1)) class_name = tokens_[index + 1].text;
    for (; index + 2 < end; ++index) {
      if (tokens_[index].text == "table"sv && is(index + 1, "(") && is_string_token(tokens_[index + 2])) table = cpp::decode_string_literal(tokens_[index + 2].text).value_or("");
    }
    if (class_name.empty()) {
      for (std::size_t next = end; next + 1 < tokens_.size() && next < end + 8; ++next) {
        if ((tokens_[next].text == "class"sv || tokens_[next].text == "struct"sv) && is_identifier(next + 1)) {
          class_name = tokens_[next + 1].text;
          break;
        }
      }
    }
    if (class_name.empty() && table.empty()) return;
    add_entity(class_name, table.empty() ? class_name : table, "odb", location_of(begin));
  }

  void add_entity(const std::string& class_name, const std::string& table, const std::string& origin, const SourceLocation& location) {
    EntityMappingFact entity;
    entity.class_name = class_name;
    entity.qualified_name = class_name;
    entity.entity_name = class_name;
    entity.store_kind = "table";
    const auto dot = table.find('.');
    entity.name = dot == std::string::npos ? table : table.substr(dot + 1);
    if (dot != std::string::npos) entity.schema = table.substr(0, dot);
    entity.origin = origin;
    entity.location = location;
    facts_.entities.push_back(std::move(entity));
  }

  // ---- symbols: what a name was initialised or assigned with -----------------------------------

  struct Definition {
    unsigned offset;
    std::size_t begin;
    std::size_t end;
  };

  bool type_like_before(std::size_t index) const {
    if (index == 0) return false;
    const Token& before = tokens_[index - 1];
    if (before.kind == CXToken_Identifier) return true;
    if (before.kind == CXToken_Keyword) return !contains(kNotTypeKeywords, before.text);
    return before.text == "*"sv || before.text == "&"sv || before.text == ">"sv || before.text == ";"sv || before.text == "{"sv || before.text == "}"sv;
  }

  std::size_t expression_end(std::size_t begin) const {
    std::size_t index = begin;
    while (index < tokens_.size()) {
      const std::string& text = tokens_[index].text;
      if (text == ";"sv || text == ","sv || text == ")"sv || text == "}"sv || text == "]"sv) break;
      if ((text == "("sv || text == "["sv || text == "{"sv) && partner_[index] != npos) {
        index = partner_[index] + 1;
        continue;
      }
      ++index;
    }
    return index;
  }

  void read_symbols() {
    for (std::size_t i = 1; i + 1 < tokens_.size(); ++i) {
      if (tokens_[i].preprocessor || tokens_[i].kind != CXToken_Identifier) continue;
      std::size_t after = i + 1;
      if (is(after, "[") && partner_[after] != npos) after = partner_[after] + 1;  // char kSql[] = "..."
      if (is(i - 1, ".") || is(i - 1, "->") || is(i - 1, "::")) continue;
      if (is(after, "=") && !is(after + 1, "=") && type_like_before(i)) {
        symbols_[tokens_[i].text].push_back({tokens_[i].offset, after + 1, expression_end(after + 1)});
      } else if ((is(after, "(") || is(after, "{")) && partner_[after] != npos && is(partner_[after] + 1, ";") && is_identifier(i - 1) &&
                 !contains(kNotTypeKeywords, tokens_[i - 1].text)) {
        // std::string url(cfg["orders-db"]["url"]);
        symbols_[tokens_[i].text].push_back({tokens_[i].offset, after + 1, partner_[after]});
      }
    }
  }

  const Definition* definition_of(const std::string& name, unsigned use_offset) const {
    const auto found = symbols_.find(name);
    if (found == symbols_.end()) return nullptr;
    const Definition* best = nullptr;
    for (const auto& definition : found->second) {
      if (definition.offset < use_offset && (!best || definition.offset > best->offset)) best = &definition;
    }
    return best ? best : &found->second.front();  // class constants may be defined below their use
  }

  // ---- evaluating an argument ---------------------------------------------------------------------

  Value evaluate(std::size_t begin, std::size_t end, const FunctionScope* scope, int depth) const {
    Value value;
    if (begin >= end || depth > 4) return value;
    while (is(begin, "(") && partner_[begin] == end - 1) {
      ++begin;
      --end;
    }
    if (begin >= end) return value;
    // getenv("ORDERS_DB_URL"), std::getenv(name)
    for (std::size_t i = begin; i + 2 < end; ++i) {
      if (tokens_[i].kind != CXToken_Identifier || !contains(kEnvironmentReaders, tokens_[i].text) || !is(i + 1, "(")) continue;
      const Token& argument = tokens_[i + 2];
      if (is_string_token(argument)) {
        value.kind = Value::environment;
        value.value = cpp::decode_string_literal(argument.text).value_or("");
        value.literal_tokens.push_back(i + 2);
        return value;
      }
      if (argument.kind == CXToken_Identifier && parameter_index(scope, argument.text) >= 0) {
        value.kind = Value::environment;
        value.parameter_index = parameter_index(scope, argument.text);
        return value;
      }
    }
    // "a" "b" R"(c)": adjacent literals are one string.
    if (std::all_of(tokens_.begin() + static_cast<std::ptrdiff_t>(begin), tokens_.begin() + static_cast<std::ptrdiff_t>(end), is_string_token)) {
      value.kind = Value::text;
      for (std::size_t i = begin; i < end; ++i) {
        value.value += cpp::decode_string_literal(tokens_[i].text).value_or("");
        value.literal_tokens.push_back(i);
      }
      return value;
    }
    // Numbers stand for themselves (ports).
    if (end == begin + 1 && tokens_[begin].kind == CXToken_Literal && std::isdigit(static_cast<unsigned char>(tokens_[begin].text.front()))) {
      value.kind = Value::text;
      value.value = tokens_[begin].text;
      return value;
    }
    // "SELECT ... FROM " + table + " WHERE ...": unknown parts become "?".
    std::vector<std::pair<std::size_t, std::size_t>> parts;
    std::size_t part_begin = begin;
    for (std::size_t i = begin; i < end; ++i) {
      if ((tokens_[i].text == "("sv || tokens_[i].text == "["sv || tokens_[i].text == "{"sv) && partner_[i] != npos && partner_[i] < end) {
        i = partner_[i];
        continue;
      }
      if (tokens_[i].text == "+"sv) {
        parts.emplace_back(part_begin, i);
        part_begin = i + 1;
      }
    }
    if (!parts.empty()) {
      parts.emplace_back(part_begin, end);
      Value folded;
      folded.kind = Value::text;
      bool any_text = false;
      for (const auto& [from, to] : parts) {
        Value part = evaluate(from, to, scope, depth + 1);
        if (part.kind == Value::text) {
          any_text = true;
          folded.value += part.value;
          folded.partial = folded.partial || part.partial;
          folded.literal_tokens.insert(folded.literal_tokens.end(), part.literal_tokens.begin(), part.literal_tokens.end());
        } else {
          folded.value += "?";
          folded.partial = true;
        }
      }
      return any_text ? folded : value;
    }
    // std::string("..."), QStringLiteral("..."), x.c_str(): wrappers around one value.
    std::size_t inner_end = end;
    while (inner_end >= begin + 4 && is(inner_end - 1, ")") && is(inner_end - 2, "(") && is(inner_end - 4, ".") &&
           (tokens_[inner_end - 3].text == "c_str"sv || tokens_[inner_end - 3].text == "data"sv || tokens_[inner_end - 3].text == "toStdString"sv)) {
      inner_end -= 4;
    }
    if (inner_end != end) return evaluate(begin, inner_end, scope, depth + 1);
    {
      std::size_t name_end = begin;
      while (name_end < end && (is_identifier(name_end) || is(name_end, "::"))) ++name_end;
      if (name_end > begin && name_end < end && (is(name_end, "(") || is(name_end, "{")) && partner_[name_end] == end - 1 &&
          contains(kStringWrappers, tokens_[name_end - 1].text)) {
        return evaluate(name_end + 1, end - 1, scope, depth + 1);
      }
    }
    // A name: a parameter of the enclosing function, or a constant / variable defined before.
    std::size_t name = begin;
    if (end - begin == 3 && is(begin, "this") && is(begin + 1, "->")) name = begin + 2;
    if (name + 1 == end && is_identifier(name)) {
      const int index = parameter_index(scope, tokens_[name].text);
      if (index >= 0) {
        value.kind = Value::parameter;
        value.parameter_index = index;
        return value;
      }
      if (const Definition* definition = definition_of(tokens_[name].text, tokens_[name].offset)) {
        return evaluate(definition->begin, definition->end, scope_at(tokens_[definition->begin < tokens_.size() ? definition->begin : name].offset), depth + 1);
      }
      return value;
    }
    return evaluate_config_keys(begin, end, scope);
  }

  // config["orders-db"]["port"], cfg.at("orders-db"), pt.get<std::string>("orders-db.host"), node[name]
  Value evaluate_config_keys(std::size_t begin, std::size_t end, const FunctionScope* scope) const {
    Value value;
    if (!is_identifier(begin) && !is(begin, "(") && !is(begin, "*")) return value;
    for (std::size_t i = begin; i < end; ++i) {
      std::size_t key_token = npos;
      if (is(i, "[") && partner_[i] == i + 2) key_token = i + 1;
      if (is_identifier(i) && contains(kKeyAccessors, tokens_[i].text) && i > begin && (is(i - 1, ".") || is(i - 1, "->"))) {
        std::size_t open = i + 1;
        if (is(open, "<") ) {
          while (open < end && !is(open, ">")) ++open;
          ++open;
        }
        // A key is one literal or name: .get<std::string>() is a conversion, not a lookup.
        if (is(open, "(") && open + 2 < end && (is(open + 2, ")") || is(open + 2, ","))) key_token = open + 1;
      }
      if (key_token == npos) continue;
      const Token& key = tokens_[key_token];
      if (is_string_token(key)) {
        const std::string text = cpp::decode_string_literal(key.text).value_or("");
        // ptree paths are dotted: "orders-db.host" is two keys.
        for (const auto& part : split(text, '.')) value.keys.push_back(part);
        value.literal_tokens.push_back(key_token);
      } else if (key.kind == CXToken_Identifier && parameter_index(scope, key.text) >= 0) {
        value.keys.emplace_back();
        value.parameter_index = parameter_index(scope, key.text);
      } else if (key.kind == CXToken_Identifier) {
        const Definition* definition = definition_of(key.text, key.offset);
        if (!definition || definition->end != definition->begin + 1 || !is_string_token(tokens_[definition->begin])) return Value{};
        value.keys.push_back(cpp::decode_string_literal(tokens_[definition->begin].text).value_or(""));
      } else {
        return Value{};  // a computed key: nothing to resolve it with
      }
    }
    if (value.keys.empty()) return value;
    while (!value.keys.empty() && !value.keys.back().empty() && cpp::is_datasource_field_key(value.keys.back())) value.keys.pop_back();
    if (value.keys.empty()) return Value{};
    value.kind = Value::config;
    return value;
  }

  void consume(const Value& value) {
    for (std::size_t index : value.literal_tokens) tokens_[index].consumed = true;
  }

  // ---- calls -------------------------------------------------------------------------------------

  struct Call {
    std::string written;        // qualified as written ("pqxx::connection", "exec")
    bool member = false;
    std::string declared_type;  // `pqxx::connection conn(...)`: the type whose constructor runs
    std::size_t open = 0;       // '(' or '{'
    std::vector<std::pair<std::size_t, std::size_t>> arguments;
    std::size_t template_open = npos;  // mapClass<User>(...): the '<'
  };

  // The qualified name ending at `end` (inclusive) and the index where it starts.
  std::string qualified_backwards(std::size_t end, std::size_t& start) const {
    std::string name = tokens_[end].text;
    start = end;
    while (start >= 2 && is(start - 1, "::") && is_identifier(start - 2)) {
      name = tokens_[start - 2].text + "::" + name;
      start -= 2;
    }
    if (start >= 1 && is(start - 1, "::")) --start;  // ::getenv
    return name;
  }

  std::optional<Call> call_at(std::size_t open) const {
    if (open == 0 || partner_[open] == npos) return std::nullopt;
    Call call;
    call.open = open;
    std::size_t name_end = open - 1;
    if (is(name_end, ">")) {
      int depth = 0;
      std::size_t index = name_end;
      while (true) {
        if (tokens_[index].text == ">"sv) ++depth;
        if (tokens_[index].text == ">>"sv) depth += 2;
        if (tokens_[index].text == "<"sv) --depth;
        if (depth <= 0 || index == 0 || open - index > 32) break;
        --index;
      }
      if (depth != 0 || index == 0) return std::nullopt;
      call.template_open = index;
      name_end = index - 1;
    }
    if (!is_identifier(name_end)) return std::nullopt;
    std::size_t start = 0;
    call.written = qualified_backwards(name_end, start);
    call.member = start > 0 && (is(start - 1, ".") || is(start - 1, "->"));
    if (!call.member && call.written.find("::") == std::string::npos && start > 0 && (is_identifier(start - 1) || is(start - 1, ">"))) {
      std::size_t type_end = start - 1;
      if (is(type_end, ">")) {
        while (type_end > 0 && !is(type_end, "<")) --type_end;
        if (type_end > 0) --type_end;
      }
      if (is_identifier(type_end) && !contains(kNotTypeKeywords, tokens_[type_end].text)) {
        std::size_t type_start = 0;
        call.declared_type = qualified_backwards(type_end, type_start);
      }
    } else if (tokens_[open].text == "{"sv) {
      // A brace after a name is a body (struct X {, namespace y {) unless the name is a type being constructed.
      if (call.written.find("::") == std::string::npos) return std::nullopt;
    }
    const std::size_t close = partner_[open];
    std::size_t argument_begin = open + 1;
    for (std::size_t i = open + 1; i <= close; ++i) {
      if (i < close && (tokens_[i].text == "("sv || tokens_[i].text == "["sv || tokens_[i].text == "{"sv) && partner_[i] != npos) {
        i = partner_[i];
        continue;
      }
      if (i == close || tokens_[i].text == ","sv) {
        if (i > argument_begin) call.arguments.emplace_back(argument_begin, i);
        argument_begin = i + 1;
      }
    }
    return call;
  }

  static bool matches(const cpp::ClientCall& entry, const std::string& written, bool member) {
    if (entry.call.find("::") != std::string_view::npos) {
      return written == entry.call || written.ends_with("::" + std::string(entry.call));
    }
    if (entry.member_only) return member;
    return written.find("::") == std::string::npos || written.ends_with("::" + std::string(entry.call));
  }

  void read_calls() {
    for (std::size_t i = 1; i < tokens_.size(); ++i) {
      if (tokens_[i].preprocessor || (tokens_[i].text != "("sv && tokens_[i].text != "{"sv)) continue;
      const auto call = call_at(i);
      if (!call) continue;
      const FunctionScope* scope = scope_at(tokens_[i].offset);
      bool known = false;
      for (const auto& [written, member] : {std::pair{call->written, call->member}, std::pair{call->declared_type, false}}) {
        if (written.empty()) continue;
        for (const auto& entry : cpp::find_client_calls(last_name(written))) {
          if (!matches(entry, written, member)) continue;
          known = true;
          apply(entry, *call, scope);
        }
      }
      if (call->written == "mapClass" && call->template_open != npos && is_identifier(call->template_open + 1) && !call->arguments.empty()) {
        const Value table = evaluate(call->arguments[0].first, call->arguments[0].second, scope, 0);
        if (table.kind == Value::text && !table.partial) add_entity(tokens_[call->template_open + 1].text, table.value, "wt-dbo", location_of(call->open - 1));
        known = true;
      }
      if (!known) record_literal_arguments(*call);
    }
  }

  void record_literal_arguments(const Call& call) {
    const std::string callee = last_name(call.written);
    for (std::size_t index = 0; index < call.arguments.size(); ++index) {
      const auto [begin, end] = call.arguments[index];
      if (end != begin + 1 || !is_string_token(tokens_[begin])) continue;
      const std::string literal = cpp::decode_string_literal(tokens_[begin].text).value_or("");
      if (cpp::is_key_like(literal)) facts_.literal_calls.push_back({callee, static_cast<int>(index), literal, location_of(begin)});
    }
  }

  std::string api_of(const cpp::ClientCall& entry) const { return std::string(entry.library) + " " + last_name(entry.call); }

  Value argument(const Call& call, int index, const FunctionScope* scope) const {
    if (index < 0 || static_cast<std::size_t>(index) >= call.arguments.size()) return Value{};
    return evaluate(call.arguments[index].first, call.arguments[index].second, scope, 0);
  }

  // The method called on the result of a call or subscript that ends at `close`: `.insert_one(`.
  std::string chained_method(std::size_t close) const {
    if ((is(close + 1, ".") || is(close + 1, "->")) && is_identifier(close + 2) && is(close + 3, "(")) return tokens_[close + 2].text;
    return "";
  }

  void apply(const cpp::ClientCall& entry, const Call& call, const FunctionScope* scope) {
    const std::size_t at = call.arguments.empty() ? call.open : call.arguments.front().first;
    switch (entry.role) {
      case CallRole::sql: {
        Value sql = argument(call, entry.argument, scope);
        if (sql.kind != Value::text || !looks_like_sql(sql.value)) return;
        consume(sql);
        const std::size_t where = call.arguments[static_cast<std::size_t>(entry.argument)].first;
        facts_.queries.push_back({cpp::replace_printf_placeholders(sql.value), "sql", api_of(entry), location_of(where)});
        return;
      }
      case CallRole::connection: {
        int index = entry.argument;
        Engine engine = entry.engine;
        if (entry.library == "SOCI") {
          if (call.arguments.size() == 1) {
            index = 0;
          } else if (!call.arguments.empty()) {
            engine = engine_of_driver_argument(call, scope);
          }
        }
        add_connection(api_of(entry), engine, argument(call, index, scope), location_of(at), scope);
        return;
      }
      case CallRole::host: {
        Value host = argument(call, entry.argument, scope);
        const Value port = argument(call, entry.port, scope);
        const Value database = argument(call, entry.database, scope);
        if (host.kind == Value::text && !host.partial && cpp::is_key_like(host.value)) {
          ConnectionTarget target;
          target.engine = entry.engine;
          const int port_number = port.kind == Value::text ? std::atoi(port.value.c_str()) : 0;
          target.endpoints.push_back({canonical_host(host.value), port_number > 0 ? port_number : default_port(entry.engine)});
          if (database.kind == Value::text && !database.partial) target.database = database.value;
          consume(host);
          add_literal_connection(api_of(entry), entry.engine, std::move(target), location_of(at));
        } else {
          add_connection(api_of(entry), entry.engine, host, location_of(at), scope);
        }
        return;
      }
      case CallRole::engine_driver: {
        const Value driver = argument(call, entry.argument, scope);
        if (driver.kind == Value::text) builder_.engine = cpp::engine_of_driver(driver.value);
        return;
      }
      case CallRole::set_host:
        builder_.host = argument(call, entry.argument, scope);
        builder_.location = location_of(at);
        builder_.api = api_of(entry);
        if (builder_.engine == Engine::unknown) builder_.engine = entry.engine;
        builder_.scope = scope;
        return;
      case CallRole::set_port: builder_.port = argument(call, entry.argument, scope); return;
      case CallRole::set_database: builder_.database = argument(call, entry.argument, scope); return;
      case CallRole::database: {
        const Value database = argument(call, entry.argument, scope);
        const std::size_t close = partner_[call.open];
        if (database.kind == Value::text && is(close + 1, "[") && partner_[close + 1] == close + 3 && is_string_token(tokens_[close + 2])) {
          add_collection(cpp::decode_string_literal(tokens_[close + 2].text).value_or(""), database.value, chained_method(close + 3), api_of(entry),
                         location_of(close + 2));
        }
        return;
      }
      case CallRole::collection:
      case CallRole::create_collection: {
        const Value name = argument(call, entry.argument, scope);
        if (name.kind != Value::text || name.partial || !cpp::is_key_like(name.value)) return;
        consume(name);
        const Value database = argument(call, entry.database, scope);
        const std::string operation = entry.role == CallRole::create_collection ? "create" : std::string(cpp::collection_operation_of(chained_method(partner_[call.open])));
        facts_.store_accesses.push_back({"collection", name.value, "", database.kind == Value::text ? database.value : "", operation, api_of(entry),
                                         location_of(call.arguments[static_cast<std::size_t>(entry.argument)].first)});
        return;
      }
    }
  }

  Engine engine_of_driver_argument(const Call& call, const FunctionScope* scope) const {
    const auto [begin, end] = call.arguments.front();
    const Value driver = evaluate(begin, end, scope, 0);
    if (driver.kind == Value::text) return cpp::engine_of_driver(driver.value);
    return is_identifier(end - 1) ? cpp::engine_of_driver(tokens_[end - 1].text) : Engine::unknown;
  }

  void add_literal_connection(const std::string& api, Engine engine, ConnectionTarget target, const SourceLocation& location) {
    ConnectionFact fact;
    fact.api = api;
    fact.engine = engine;
    fact.source = "literal";
    fact.target = std::move(target);
    fact.location = location;
    facts_.connections.push_back(std::move(fact));
  }

  void add_connection(const std::string& api, Engine engine, const Value& value, const SourceLocation& location, const FunctionScope* scope) {
    ConnectionFact fact;
    fact.api = api;
    fact.engine = engine;
    fact.location = location;
    if (value.parameter_index >= 0 && scope) {
      fact.helper_function = scope->name;
      fact.helper_parameter = value.parameter_index;
    }
    switch (value.kind) {
      case Value::text: {
        if (value.partial) return;
        auto target = connection_target_of(value.value, engine);
        if (!target) return;
        consume(value);
        add_literal_connection(api, engine, std::move(*target), location);
        return;
      }
      case Value::config: fact.source = "config"; fact.config_key = value.keys; break;
      case Value::environment: fact.source = "environment"; fact.environment_variable = value.value; break;
      case Value::parameter: fact.source = "argument"; break;
      case Value::unknown: return;
    }
    if (fact.helper_parameter >= 0 && fact.helper_function.empty()) return;  // a lambda's parameter: no call site to join
    facts_.connections.push_back(std::move(fact));
  }

  // A client's connection text: URIs, libpq keywords, ADO/ODBC keywords, plus the client-specific
  // shapes (tcp:// for Connector/C++ and redis-plus-plus, --SERVER= for libmemcached, SQLite paths).
  static std::optional<ConnectionTarget> connection_target_of(std::string text, Engine engine) {
    text = std::string(trim(text));
    // A printf format ("postgres://%s@%s:%d/%s") is filled in at run time: the server is not in it.
    if (text.empty() || text.find('%') != std::string::npos) return std::nullopt;
    if (engine == Engine::sqlite) {
      ConnectionTarget target;
      target.engine = Engine::sqlite;
      target.in_process = true;
      target.database = text;
      return target;
    }
    const std::string_view scheme_of_engine = engine == Engine::redis ? "redis://" : engine == Engine::mysql ? "mysql://" : "";
    for (std::string_view transport : {"tcp://", "unix://"}) {
      if (text.starts_with(transport) && !scheme_of_engine.empty()) text = std::string(scheme_of_engine) + text.substr(transport.size());
    }
    if (text.starts_with("mysqlx://")) text = "mysql://" + text.substr(9);
    if (engine == Engine::memcached && starts_with_icase(text, "--SERVER=")) {
      text = "memcached://" + text.substr(9, text.find_first_of(" ,", 9) == std::string::npos ? std::string::npos : text.find_first_of(" ,", 9) - 9);
    }
    // SOCI: "postgresql://dbname=orders host=db" is a backend name in front of a libpq string.
    if (const auto scheme_end = text.find("://"); scheme_end != std::string::npos && text.find('=') != std::string::npos && text.find('@') == std::string::npos) {
      text = text.substr(scheme_end + 3);
    }
    if (!text.starts_with("--") && text.find("://") == std::string::npos && text.find('=') == std::string::npos) {
      // A bare "host:port" for a client whose engine is known (redis-plus-plus, memcached).
      if (engine == Engine::redis || engine == Engine::memcached) {
        text = (engine == Engine::redis ? "redis://" : "memcached://") + text;
      } else {
        return std::nullopt;
      }
    }
    auto target = parse_connection_string(text);
    if (!target) return std::nullopt;
    if (target->engine == Engine::unknown) target->engine = engine;
    for (const auto& endpoint : target->endpoints) {
      if (host_is_unresolved(endpoint.host) || endpoint.host.find('?') != std::string::npos) return std::nullopt;
    }
    return target;
  }

  // Qt SQL / Connector/C++ builders: setHostName, setPort, setDatabaseName make one connection.
  void emit_builder_connection() {
    if (builder_.host.kind == Value::unknown) return;
    if (builder_.host.kind == Value::text && !builder_.host.partial && cpp::is_key_like(builder_.host.value)) {
      ConnectionTarget target;
      target.engine = builder_.engine;
      const int port = builder_.port.kind == Value::text ? std::atoi(builder_.port.value.c_str()) : 0;
      target.endpoints.push_back({canonical_host(builder_.host.value), port > 0 ? port : default_port(builder_.engine)});
      if (builder_.database.kind == Value::text && !builder_.database.partial) target.database = builder_.database.value;
      consume(builder_.host);
      add_literal_connection(builder_.api, builder_.engine, std::move(target), builder_.location);
    } else {
      add_connection(builder_.api, builder_.engine, builder_.host, builder_.location, builder_.scope);
    }
  }

  // ---- MongoDB collections reached by subscripts: client["db"]["coll"], db["coll"] -----------------

  void read_mongo_receivers() {
    for (std::size_t i = 0; i + 3 < tokens_.size(); ++i) {
      if (tokens_[i].text == "mongocxx"sv && is(i + 1, "::") && is_identifier(i + 2)) {
        std::size_t name = i + 3;
        std::string type = tokens_[i + 2].text;
        if (type == "pool" && is(i + 3, "::") && is(i + 4, "entry")) {
          type = "client";
          name = i + 5;
        }
        while (is(name, "&") || is(name, "*")) ++name;
        if (is_identifier(name) && (type == "client" || type == "database")) mongo_receivers_[tokens_[name].text] = type;
      }
      // auto client = pool.acquire();  auto db = client["shop"];
      if (tokens_[i].text == "auto"sv && is_identifier(i + 1) && is(i + 2, "=")) {
        const std::size_t end = expression_end(i + 3);
        for (std::size_t j = i + 3; j + 1 < end; ++j) {
          if (tokens_[j].text == "acquire"sv && is(j + 1, "(")) mongo_receivers_[tokens_[i + 1].text] = "client";
        }
        const auto receiver = mongo_receivers_.find(tokens_[i + 3].text);
        if (receiver != mongo_receivers_.end() && receiver->second == "client" && is(i + 4, "[") && end == i + 7) mongo_receivers_[tokens_[i + 1].text] = "database";
      }
    }
  }

  void add_collection(const std::string& name, const std::string& database, const std::string& method, const std::string& api,
                      const SourceLocation& location) {
    if (!cpp::is_key_like(name)) return;
    facts_.store_accesses.push_back({"collection", name, "", database, std::string(cpp::collection_operation_of(method)), api, location});
  }

  void read_subscript_collections() {
    if (mongo_receivers_.empty()) return;
    for (std::size_t i = 0; i + 3 < tokens_.size(); ++i) {
      if (!is_identifier(i) || tokens_[i].preprocessor) continue;
      const auto receiver = mongo_receivers_.find(tokens_[i].text);
      if (receiver == mongo_receivers_.end()) continue;
      std::size_t open = i + 1;
      if (is(i - 1, "*") && is(i + 1, ")") && is(i - 2, "(")) open = i + 2;  // (*client)["db"]
      std::vector<std::pair<std::string, std::size_t>> keys;
      while (is(open, "[") && partner_[open] == open + 2 && is_string_token(tokens_[open + 1])) {
        keys.emplace_back(cpp::decode_string_literal(tokens_[open + 1].text).value_or(""), open + 1);
        open += 3;
      }
      const std::string method = (is(open, ".") || is(open, "->")) && is_identifier(open + 1) ? tokens_[open + 1].text : "";
      if (receiver->second == "client" && keys.size() >= 2) {
        tokens_[keys[1].second].consumed = true;
        add_collection(keys[1].first, keys[0].first, method, "mongocxx client[db][collection]", location_of(keys[1].second));
      } else if (receiver->second == "database" && !keys.empty()) {
        tokens_[keys[0].second].consumed = true;
        add_collection(keys[0].first, "", method, "mongocxx database[collection]", location_of(keys[0].second));
      }
    }
  }

  // ---- sqlpp11 table structs: struct Orders : sqlpp::table_t<Orders, ...> { struct _alias_t { ... _literal[] = "orders"; ---

  void read_table_structs() {
    for (std::size_t i = 0; i + 4 < tokens_.size(); ++i) {
      if (tokens_[i].text != "sqlpp"sv || !is(i + 1, "::") || !is(i + 2, "table_t") || !is(i + 3, "<") || !is_identifier(i + 4)) continue;
      for (std::size_t j = i + 5; j + 4 < tokens_.size() && j < i + 400; ++j) {
        if (tokens_[j].text == "_literal"sv && is(j + 1, "[") && is(j + 2, "]") && is(j + 3, "=") && is_string_token(tokens_[j + 4])) {
          add_entity(tokens_[i + 4].text, cpp::decode_string_literal(tokens_[j + 4].text).value_or(""), "sqlpp11", location_of(i));
          tokens_[j + 4].consumed = true;
          break;
        }
      }
    }
  }

  // ---- bare literals that look like SQL -------------------------------------------------------------

  void read_bare_sql_literals() {
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (!is_string_token(tokens_[i]) || tokens_[i].preprocessor) continue;
      std::size_t end = i;
      bool consumed = false;
      std::string text;
      while (end < tokens_.size() && is_string_token(tokens_[end])) {
        consumed = consumed || tokens_[end].consumed;
        text += cpp::decode_string_literal(tokens_[end].text).value_or("");
        ++end;
      }
      if (!consumed && looks_like_sql(text)) facts_.queries.push_back({cpp::replace_printf_placeholders(text), "sql", "", location_of(i)});
      i = end - 1;
    }
  }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  struct Builder {
    Engine engine = Engine::unknown;
    Value host;
    Value port;
    Value database;
    std::string api;
    SourceLocation location;
    const FunctionScope* scope = nullptr;
  };

  std::string_view source_;
  const std::string& path_;
  const CompileFlags* flags_;
  std::vector<Warning>& warnings_;
  CXTranslationUnit unit_ = nullptr;
  CXFile file_ = nullptr;
  std::vector<Token> tokens_;
  std::vector<std::size_t> partner_;
  std::vector<FunctionScope> functions_;
  std::set<std::size_t> defines_function_;  // name tokens of the function definitions tokens show
  std::set<std::string> seen_variables_;
  std::set<std::pair<int, int>> variables_at_;  // (line, column) of every variable the AST gave
  std::set<std::pair<std::string, std::size_t>> statics_seen_;  // (qualified name, block) of statics read from bodies
  std::map<std::string, std::vector<Definition>> symbols_;
  std::map<std::string, std::string> mongo_receivers_;  // name -> "client" or "database"
  Builder builder_;
  CppFileFacts facts_;
};

}  // namespace

CppFileFacts extract_cpp(std::string_view source, const std::string& path, const CompileFlags* flags, std::vector<Warning>& warnings) {
  return CppFile(source, path, flags, warnings).run();
}

}  // namespace dbsilo
