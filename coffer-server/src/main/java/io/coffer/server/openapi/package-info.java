/** The OpenAPI 3 document of the API, made from the route table the server registers. */
package io.coffer.server.openapi;
