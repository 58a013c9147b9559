; Publishers: calls on a messaging template (`kafkaTemplate.send("topic", ...)`).
(method_invocation
  object: (_) @event.receiver
  name: (identifier) @event.method
  arguments: (argument_list) @event.arguments)
; Subscribers: listener annotations, with or without arguments (@KafkaListener(topics = ...), @EventListener).
(annotation name: (_) @event.annotation) @event.listener
(marker_annotation name: (_) @event.annotation) @event.listener
