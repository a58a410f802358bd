/**
 * The endpoints of the API, one class per concept of DESIGN.md's vocabulary, each declaring its
 * routes with the role they need and calling the engine's services.
 */
package io.coffer.server.api;
