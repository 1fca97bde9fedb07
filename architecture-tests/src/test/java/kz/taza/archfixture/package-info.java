/**
 * Deliberately wrong code, one rule broken per class (and a few classes that break none), laid out as the real modules
 * are below {@code kz.taza}, so each layering rule can be shown to fail ({@code LayeringRulesCatchFixturesTest}). The
 * real checks never import this package.
 */
package kz.taza.archfixture;
