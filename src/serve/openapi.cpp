// The OpenAPI 3.1 description of the API. Written by hand, apart from the route table in
// server.cpp, so that tests/serve_api_test.cpp can check one against the other.
#include "serve/server.h"

namespace sitrep::serve {

const std::string& openapi_document() {
  static const std::string kDocument = R"json({
  "openapi": "3.1.0",
  "info": {
    "title": "sitrep",
    "version": ")json" SITREP_VERSION R"json(",
    "description": "Attacks on embassies and foreign military bases, merged from news reports into incidents. Read routes need no token; writes need 'Authorization: Bearer TOKEN' (sitrep token create). Errors are {\"error\": message, \"field\": parameter or null}."
  },
  "paths": {
    "/api/incidents": {
      "get": {
        "summary": "Incidents, newest first, filtered and paginated",
        "parameters": [
          {"$ref": "#/components/parameters/since"}, {"$ref": "#/components/parameters/until"},
          {"$ref": "#/components/parameters/near"}, {"$ref": "#/components/parameters/facility"},
          {"$ref": "#/components/parameters/weapon"}, {"$ref": "#/components/parameters/actor"},
          {"$ref": "#/components/parameters/country"}, {"$ref": "#/components/parameters/q"},
          {"name": "limit", "in": "query", "description": "Page size, 1 to 1000 (default 100)",
           "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}},
          {"name": "cursor", "in": "query", "description": "next_cursor of the previous page",
           "schema": {"type": "string"}}
        ],
        "responses": {
          "200": {"description": "A page: {incidents, count, total, next_cursor}",
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IncidentPage"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}
        }
      }
    },
    "/api/incidents.geojson": {
      "get": {
        "summary": "Incidents as a GeoJSON FeatureCollection (as sitrep incidents --format geojson)",
        "parameters": [
          {"$ref": "#/components/parameters/since"}, {"$ref": "#/components/parameters/until"},
          {"$ref": "#/components/parameters/near"}, {"$ref": "#/components/parameters/facility"},
          {"$ref": "#/components/parameters/weapon"}, {"$ref": "#/components/parameters/actor"},
          {"$ref": "#/components/parameters/country"}, {"$ref": "#/components/parameters/q"}
        ],
        "responses": {
          "200": {"description": "FeatureCollection", "content": {"application/geo+json": {}}},
          "400": {"$ref": "#/components/responses/BadRequest"}
        }
      }
    },
    "/api/incidents.csv": {
      "get": {
        "summary": "Incidents as CSV, ACLED-like columns (as sitrep incidents --format csv)",
        "parameters": [
          {"$ref": "#/components/parameters/since"}, {"$ref": "#/components/parameters/until"},
          {"$ref": "#/components/parameters/near"}, {"$ref": "#/components/parameters/facility"},
          {"$ref": "#/components/parameters/weapon"}, {"$ref": "#/components/parameters/actor"},
          {"$ref": "#/components/parameters/country"}, {"$ref": "#/components/parameters/q"}
        ],
        "responses": {
          "200": {"description": "CSV, one row per incident", "content": {"text/csv": {}}},
          "400": {"$ref": "#/components/responses/BadRequest"}
        }
      }
    },
    "/api/incidents/{id}": {
      "get": {
        "summary": "One incident with its reports, every claim with its evidence, and its revisions",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "{incident, reports, claims, revisions}",
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IncidentDetail"}}}},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/facilities": {
      "get": {
        "summary": "Every facility with an incident: attacks, last attack, days since",
        "responses": {"200": {"description": "Array of facilities", "content": {"application/json": {}}}}
      }
    },
    "/api/facilities/{name}": {
      "get": {
        "summary": "Threat history of one facility: attacks per month, weapon mix, interception rate, casualties, days since the last attack, its incidents",
        "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"},
                        "description": "Facility name as in incidents (case-insensitive)"}],
        "responses": {
          "200": {"description": "Facility history", "content": {"application/json": {}}},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/tallies": {
      "get": {
        "summary": "Tally claims ('78 attacks since ...') beside sitrep's own count for the period",
        "responses": {"200": {"description": "Array of tally rows", "content": {"application/json": {}}}}
      }
    },
    "/api/stats": {
      "get": {
        "summary": "Counts by week (Monday), weapon, actor and country; takes the incident filters",
        "parameters": [
          {"$ref": "#/components/parameters/since"}, {"$ref": "#/components/parameters/until"},
          {"$ref": "#/components/parameters/near"}, {"$ref": "#/components/parameters/facility"},
          {"$ref": "#/components/parameters/weapon"}, {"$ref": "#/components/parameters/actor"},
          {"$ref": "#/components/parameters/country"}, {"$ref": "#/components/parameters/q"}
        ],
        "responses": {
          "200": {"description": "{incidents, undated, by_week, by_weapon, by_actor, by_country}", "content": {"application/json": {}}},
          "400": {"$ref": "#/components/responses/BadRequest"}
        }
      }
    },
    "/api/documents": {
      "post": {
        "summary": "Ingest one article or an array of them: clean, extract, merge, store",
        "security": [{"bearer": []}],
        "requestBody": {
          "required": true,
          "content": {"application/json": {"schema": {"oneOf": [
            {"$ref": "#/components/schemas/Article"},
            {"type": "array", "items": {"$ref": "#/components/schemas/Article"}, "minItems": 1}]}}}
        },
        "responses": {
          "201": {"description": "At least one new article: {documents: [{doc, id, added, report, incidents}]}", "content": {"application/json": {}}},
          "200": {"description": "Every article was already stored", "content": {"application/json": {}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"description": "No bearer token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "403": {"description": "Unknown or revoked token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        }
      }
    },
    "/api/subscriptions": {
      "post": {
        "summary": "Subscribe a webhook to incidents near a point or at a facility (new and material updates)",
        "security": [{"bearer": []}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SubscriptionRequest"}}}},
        "responses": {
          "201": {"description": "The subscription", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Subscription"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "403": {"$ref": "#/components/responses/Forbidden"}
        }
      },
      "get": {
        "summary": "Every subscription",
        "security": [{"bearer": []}],
        "responses": {
          "200": {"description": "Array of subscriptions", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Subscription"}}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "403": {"$ref": "#/components/responses/Forbidden"}
        }
      }
    },
    "/api/subscriptions/{id}": {
      "delete": {
        "summary": "Delete a subscription by id or name",
        "security": [{"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "{deleted: n}", "content": {"application/json": {}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/alerts": {
      "get": {
        "summary": "The alerts outbox, newest first, with delivery status and attempts",
        "security": [{"bearer": []}],
        "responses": {
          "200": {"description": "Array of alerts", "content": {"application/json": {}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "403": {"$ref": "#/components/responses/Forbidden"}
        }
      }
    },
    "/api/events": {
      "get": {
        "summary": "Server-sent events: 'incident' events {kind: new|revision, id, revision, incident}",
        "responses": {"200": {"description": "An event stream", "content": {"text/event-stream": {}}}}
      }
    },
    "/api/openapi.json": {
      "get": {
        "summary": "This document",
        "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}}
      }
    }
  },
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    "parameters": {
      "since": {"name": "since", "in": "query", "description": "First date, inclusive", "schema": {"type": "string", "format": "date"}},
      "until": {"name": "until", "in": "query", "description": "Last date, inclusive", "schema": {"type": "string", "format": "date"}},
      "near": {"name": "near", "in": "query", "description": "LAT,LON,KM: within KM kilometres", "schema": {"type": "string", "example": "33.3,44.4,25"}},
      "facility": {"name": "facility", "in": "query", "description": "Facility name contains this (case-insensitive)", "schema": {"type": "string"}},
      "weapon": {"name": "weapon", "in": "query", "schema": {"type": "string", "enum": ["rocket", "drone", "missile", "mortar", "ied", "small_arms", "unknown"]}},
      "actor": {"name": "actor", "in": "query", "description": "A suspected or claiming actor's name contains this", "schema": {"type": "string"}},
      "country": {"name": "country", "in": "query", "description": "ISO 3166 alpha-2", "schema": {"type": "string", "pattern": "^[A-Za-z]{2}$"}},
      "q": {"name": "q", "in": "query", "description": "Full text: a report of the incident contains all these words", "schema": {"type": "string"}}
    },
    "responses": {
      "BadRequest": {"description": "A bad parameter or body; 'field' names it", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Unauthorized": {"description": "No bearer token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Forbidden": {"description": "Unknown or revoked token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotFound": {"description": "No such thing", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "Error": {"type": "object", "required": ["error", "field"],
                "properties": {"error": {"type": "string"}, "field": {"type": ["string", "null"]}}},
      "Article": {"type": "object", "required": ["doc"],
                  "properties": {"doc": {"type": "string"}, "text": {"type": "string"}, "html": {"type": "string"},
                                 "url": {"type": "string"}, "outlet": {"type": "string"},
                                 "published": {"type": "string", "format": "date"}}},
      "SubscriptionRequest": {"type": "object", "required": ["name", "webhook"],
                              "properties": {"name": {"type": "string"}, "near": {"type": "string", "example": "33.3,44.4,25"},
                                             "facility": {"type": "string"}, "weapon": {"type": "string"},
                                             "min_impacted": {"type": "integer", "minimum": 0},
                                             "webhook": {"type": "string", "format": "uri"},
                                             "format": {"type": "string", "enum": ["json", "cap"]}}},
      "Subscription": {"type": "object"},
      "Incident": {"type": "object", "description": "As SCHEMA.md 'Incident' (sitrep incidents --format json)"},
      "IncidentPage": {"type": "object",
                       "properties": {"incidents": {"type": "array", "items": {"$ref": "#/components/schemas/Incident"}},
                                      "count": {"type": "integer"}, "total": {"type": "integer"},
                                      "next_cursor": {"type": ["string", "null"]}}},
      "IncidentDetail": {"type": "object",
                         "properties": {"incident": {"$ref": "#/components/schemas/Incident"},
                                        "reports": {"type": "array"}, "claims": {"type": "array"},
                                        "revisions": {"type": "array"}}}
    }
  }
}
)json";
  return kDocument;
}

}  // namespace sitrep::serve
