; Classes that carry annotations: the extractor decides from the annotation names (data tables)
; whether one maps a table (JPA, Spring Data JDBC, Cassandra) or a collection (MongoDB).
(class_declaration
  (modifiers) @entity.modifiers
  name: (identifier) @entity.class
  body: (class_body) @entity.body) @entity.declaration
