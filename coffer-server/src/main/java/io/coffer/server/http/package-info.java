/**
 * HTTP plumbing shared by every endpoint: the route table (each route with the role it needs), the
 * one error shape ({@code application/problem+json} with {@code error} and {@code field}), strict
 * reading of JSON bodies and query parameters, and the headers every response carries.
 */
package io.coffer.server.http;
