/**
 * The web shell: layout, dashboard, error handling (problem+json for the API, friendly pages for
 * people) and request limits shared by every module.
 */
package dev.evident.web;
