; Interfaces extending a generic base: `interface OrderRepository extends JpaRepository<Order, Long>`.
; Which bases are Spring Data repositories is a data table in the extractor.
(interface_declaration
  (modifiers)? @repository.modifiers
  name: (identifier) @repository.interface
  type_parameters: (type_parameters)? @repository.type_parameters
  (extends_interfaces (type_list (generic_type) @repository.base)))
