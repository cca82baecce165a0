package dev.evident.shared.security;

public enum ActorType {
    USER,
    API_TOKEN,
    SYSTEM,
    ANONYMOUS
}
