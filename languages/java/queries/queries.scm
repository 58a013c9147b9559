; Query texts: calls whose first argument is SQL/JPQL (JdbcTemplate.query, EntityManager.createQuery...),
; annotations holding a query (@Query, @NamedQuery, @Select...), and every string literal (bare SQL).
(method_invocation
  object: (_)? @query.receiver
  name: (identifier) @query.method
  arguments: (argument_list) @query.call_arguments)
(annotation
  name: (_) @query.annotation
  arguments: (annotation_argument_list) @query.annotation_arguments)
(string_literal) @query.literal
