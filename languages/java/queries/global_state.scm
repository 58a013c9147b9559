; Fields of classes, records and enums: static ones may be process-wide mutable state.
(class_declaration name: (identifier) @state.class body: (class_body (field_declaration) @state.field))
(record_declaration name: (identifier) @state.class body: (class_body (field_declaration) @state.field))
(enum_declaration
  name: (identifier) @state.class
  body: (enum_body (enum_body_declarations (field_declaration) @state.field)))
