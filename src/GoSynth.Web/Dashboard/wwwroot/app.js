const s = new EventSource("api/v1/events");
