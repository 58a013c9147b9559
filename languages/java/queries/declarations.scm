; What the file declares: package, imports, type names, fields, constants, parameters and locals.
; The extractor uses them to fold constants and to know a receiver's declared type.
(package_declaration [(identifier) (scoped_identifier)] @declaration.package)
(import_declaration [(identifier) (scoped_identifier)] @declaration.import)
(class_declaration name: (identifier) @declaration.class)
(interface_declaration name: (identifier) @declaration.class)
(enum_declaration name: (identifier) @declaration.class)
(record_declaration name: (identifier) @declaration.class)
(field_declaration
  (modifiers)? @declaration.modifiers
  type: (_) @declaration.type
  declarator: (variable_declarator name: (identifier) @declaration.name value: (_)? @declaration.value)) @declaration.field
(constant_declaration
  type: (_) @declaration.type
  declarator: (variable_declarator name: (identifier) @declaration.name value: (_)? @declaration.value)) @declaration.constant
(formal_parameter type: (_) @declaration.type name: (identifier) @declaration.name) @declaration.parameter
(local_variable_declaration
  type: (_) @declaration.type
  declarator: (variable_declarator name: (identifier) @declaration.name value: (_)? @declaration.value)) @declaration.local
