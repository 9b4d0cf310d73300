# The normalization algorithm of the RDF Data Cube Vocabulary, W3C Recommendation 16 January
# 2014, section 10.2 (https://www.w3.org/TR/vocab-data-cube/#normalize-algorithm): phase 1
# (type and property closure) and phase 2 (push down attachment levels). The integrity
# constraints (ic01.rq ... ic21.rq) are written for data in this normalized form.
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX qb: <http://purl.org/linked-data/cube#>

# Phase 1
INSERT { ?o rdf:type qb:Observation } WHERE { [] qb:observation ?o . } ;
INSERT { ?o rdf:type qb:Observation } WHERE { ?o qb:dataSet [] . } ;
INSERT { ?s rdf:type qb:Slice } WHERE { [] qb:slice ?s . } ;
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:DimensionProperty . } WHERE { ?cs qb:dimension ?p . } ;
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:MeasureProperty . } WHERE { ?cs qb:measure ?p . } ;
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:AttributeProperty . } WHERE { ?cs qb:attribute ?p . } ;
# Phase 2
INSERT { ?obs ?comp ?value } WHERE {
    ?spec qb:componentProperty ?comp ;
          qb:componentAttachment qb:DataSet .
    ?dataset qb:structure [qb:component ?spec] ;
             ?comp ?value .
    ?obs qb:dataSet ?dataset .
} ;
INSERT { ?obs ?comp ?value } WHERE {
    ?spec qb:componentProperty ?comp ;
          qb:componentAttachment qb:Slice .
    ?dataset qb:structure [qb:component ?spec] ;
             qb:slice ?slice .
    ?slice ?comp ?value ;
           qb:observation ?obs .
} ;
INSERT { ?obs ?comp ?value } WHERE {
    ?spec qb:componentProperty ?comp ;
          qb:componentAttachment qb:MeasureProperty .
    ?dataset qb:structure [qb:component ?spec] .
    ?comp a qb:AttributeProperty .
    ?measure a qb:MeasureProperty ;
             ?comp ?value .
    ?obs qb:dataSet ?dataset ;
         ?measure [] .
}
