; Calls on a receiver that may be a MongoTemplate / MongoDatabase: `mongoTemplate.find(q, X.class, "coll")`.
(method_invocation
  object: (_) @store.receiver
  name: (identifier) @store.method
  arguments: (argument_list) @store.arguments)
