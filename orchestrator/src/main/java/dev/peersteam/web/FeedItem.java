package dev.peersteam.web;

/**
 * One line of the feed: who, what kind of event ({@code tool}, {@code message}, {@code permission_asked}, ...), the
 * same words as the live log, and a tone for its colour ({@code ask}, {@code bad}, {@code good} or empty).
 */
record FeedItem(long seq, String time, String role, String kind, String text, String tone) {}
