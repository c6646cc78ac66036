/**
 * Deliberately broken code for {@code ArchitectureRulesTest}: each class here breaks (or, where it says so, keeps)
 * one layering rule, so the test can show that every rule fails when broken. Never run, only imported.
 */
package dev.peersteam.architecture.broken;
